package app.lantern.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeverityTest {

	@Test
	void theRankingOfSeveritiesIsTheSameInJavaAndSql() {
		assertThat(Severity.CRITICAL.urgency()).isZero();
		assertThat(Severity.LOW.urgency()).isEqualTo(3);
		assertThat(Severity.ofUrgency(Severity.MEDIUM.urgency())).isEqualTo(Severity.MEDIUM);
		assertThat(Severity.urgencySql("a.severity")).isEqualTo(
				"case a.severity when 'LOW' then 3 when 'MEDIUM' then 2 when 'HIGH' then 1 when 'CRITICAL' then 0 end");
	}
}
