package app.lantern.platform.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import app.lantern.events.AlertType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class RuleBookTest {

	@Test
	void theBuiltInRulesLoad() {
		RuleBook book = RuleBook.load(new ClassPathResource("rules.yml"));

		assertThat(book.rules()).extracting(Rule::type).containsExactly(AlertType.CRISIS, AlertType.REPORTED_USE,
				AlertType.HIGH_CRAVING, AlertType.RISING_CRAVING);
	}

	@Test
	void aProgrammeCanAddARuleAsData() {
		RuleBook book = RuleBook.of(rules("very-low-mood", "HIGH_CRAVING", "MEDIUM", "mood != null and mood <= 1"), "test");

		assertThat(book.rules().get(0).matches(new RuleInput(2, 1, false, false, 8, null, null))).isTrue();
		assertThat(book.rules().get(0).matches(new RuleInput(2, 3, false, false, 8, null, null))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "T(java.lang.Runtime).getRuntime().exec('touch /tmp/owned') != null",
			"@streamsBuilder != null", "new java.io.File('/etc/passwd').exists()", "craving.toString() == '7'",
			"#root != null", "T(java.lang.System).exit(1) == null" })
	void aHostileRuleStopsTheStartWithTheRuleNamed(String condition) {
		assertThatThrownBy(() -> RuleBook.of(rules("sneaky", "CRISIS", "CRITICAL", condition), "test"))
			.isInstanceOf(InvalidRuleException.class)
			.hasMessageContaining("rule 'sneaky'");
	}

	@Test
	void aRuleThatDoesNotParseOrIsNotAYesOrNoQuestionIsRefused() {
		assertThatThrownBy(() -> RuleBook.of(rules("broken", "CRISIS", "CRITICAL", "craving >="), "test"))
			.hasMessageContaining("rule 'broken'").hasMessageContaining("does not parse");
		assertThatThrownBy(() -> RuleBook.of(rules("not-boolean", "CRISIS", "CRITICAL", "craving + 1"), "test"))
			.hasMessageContaining("rule 'not-boolean'");
		assertThatThrownBy(() -> RuleBook.of(rules("typo", "CRISIS", "CRITICAL", "cravng > 3"), "test"))
			.hasMessageContaining("rule 'typo'");
		assertThatThrownBy(() -> RuleBook.of(rules("kind", "PANIC", "CRITICAL", "crisis"), "test"))
			.hasMessageContaining("'PANIC' is not a type");
	}

	private static Map<String, Object> rules(String id, String type, String severity, String condition) {
		return Map.of("rules", List.of(Map.of("id", id, "type", type, "severity", severity, "condition", condition)));
	}

	@Test
	void aRulesFileAsTextNamesTheLineOfTheRuleThatCannotRun() {
		String text = String.join("\n", "rules:", "  - id: crisis", "    type: CRISIS", "    severity: CRITICAL",
				"    condition: \"crisis\"", "  - id: low-mood", "    type: HIGH_CRAVING", "    severity: MEDIUM",
				"    condition: \"mood <= \"", "");

		assertThatThrownBy(() -> RuleBook.parse(text, "the programme's rules")).isInstanceOf(InvalidRuleException.class)
			.hasMessageStartingWith("line 6: rule 'low-mood': the condition does not parse");
	}

	@Test
	void aRulesFileThatIsNotYamlNamesTheLine() {
		String text = "rules:\n  - id: crisis\n    type: [CRISIS\n";

		assertThatThrownBy(() -> RuleBook.parse(text, "the programme's rules")).isInstanceOf(InvalidRuleException.class)
			.hasMessageStartingWith("line 4: the programme's rules is not YAML");
	}

	@Test
	void aRuleMayReadTheClientsProgramme() {
		RuleBook book = RuleBook.parse("rules:\n  - id: east-use\n    type: REPORTED_USE\n    severity: HIGH\n"
				+ "    condition: \"programme == 'east' and mood != null and mood <= 2\"\n", "test");

		assertThat(book.rules().get(0).matches(new RuleInput(2, 1, false, false, 8, null, null, "east"))).isTrue();
		assertThat(book.rules().get(0).matches(new RuleInput(2, 1, false, false, 8, null, null, "west"))).isFalse();
	}
}
