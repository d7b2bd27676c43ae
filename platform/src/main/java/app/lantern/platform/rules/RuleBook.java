package app.lantern.platform.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.lantern.events.AlertType;
import app.lantern.events.Severity;
import org.springframework.core.io.Resource;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.BeanReference;
import org.springframework.expression.spel.ast.ConstructorReference;
import org.springframework.expression.spel.ast.FunctionReference;
import org.springframework.expression.spel.ast.MethodReference;
import org.springframework.expression.spel.ast.TypeReference;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The rules file, loaded and checked at start. A rule that does not parse, names an unknown alert type or
 * severity, reaches outside the check-in (a type, a bean, a constructor, a method, a variable) or does not
 * answer true or false for a sample check-in stops the start with a message naming the rule.
 */
public final class RuleBook {

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private final List<Rule> rules;

	private RuleBook(List<Rule> rules) {
		this.rules = List.copyOf(rules);
	}

	public List<Rule> rules() {
		return rules;
	}

	public static RuleBook load(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			return of(document, resource.getDescription());
		}
		catch (IOException ex) {
			throw new InvalidRuleException("the rules file " + resource.getDescription() + " cannot be read", ex);
		}
	}

	/** Rules from an already-parsed YAML document (a map with a list under {@code rules}). */
	public static RuleBook of(Object document, String origin) {
		return of(document, origin, List.of());
	}

	/**
	 * A rules file as text (a programme's, as its administrator wrote it): anything wrong — YAML that does not parse,
	 * a rule that cannot run — is refused with its line named ("line 7: rule 'low-mood': …").
	 */
	public static RuleBook parse(String text, String origin) {
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		List<Integer> lines = new ArrayList<>();
		Object document;
		try {
			Node root = yaml.compose(new StringReader(text));
			if (root instanceof MappingNode mapping) {
				for (NodeTuple tuple : mapping.getValue()) {
					if (tuple.getKeyNode() instanceof ScalarNode key && "rules".equals(key.getValue())
							&& tuple.getValueNode() instanceof SequenceNode entries) {
						entries.getValue().forEach(entry -> lines.add(entry.getStartMark().getLine() + 1));
					}
				}
			}
			document = yaml.load(text);
		}
		catch (MarkedYAMLException ex) {
			int line = ex.getProblemMark() == null ? 0 : ex.getProblemMark().getLine() + 1;
			throw new InvalidRuleException("line " + line + ": " + origin + " is not YAML: " + ex.getProblem(), ex);
		}
		catch (YAMLException ex) {
			throw new InvalidRuleException(origin + " is not YAML: " + ex.getMessage(), ex);
		}
		return of(document, origin, lines);
	}

	private static RuleBook of(Object document, String origin, List<Integer> lines) {
		if (!(document instanceof Map<?, ?> root) || !(root.get("rules") instanceof List<?> entries)) {
			throw new InvalidRuleException("line 1: " + origin + " must hold a list under 'rules'");
		}
		List<Rule> rules = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < entries.size(); i++) {
			String at = i < lines.size() ? "line " + lines.get(i) + ": " : "";
			if (!(entries.get(i) instanceof Map<?, ?> fields)) {
				throw new InvalidRuleException(at + origin + ": every rule is a map of id, type, severity, condition");
			}
			Rule rule;
			try {
				rule = rule(fields);
			}
			catch (InvalidRuleException ex) {
				throw at.isEmpty() ? ex : new InvalidRuleException(at + ex.getMessage(), ex);
			}
			if (!ids.add(rule.id())) {
				throw new InvalidRuleException(at + "rule '" + rule.id() + "' is defined twice");
			}
			rules.add(rule);
		}
		return new RuleBook(rules);
	}

	private static Rule rule(Map<?, ?> fields) {
		String id = text(fields, "id", "(no id)");
		AlertType type = parse(id, "type", text(fields, "type", id), AlertType.class);
		Severity severity = parse(id, "severity", text(fields, "severity", id), Severity.class);
		String condition = text(fields, "condition", id);
		SpelExpression expression;
		try {
			expression = PARSER.parseRaw(condition);
		}
		catch (ParseException ex) {
			throw new InvalidRuleException("rule '" + id + "': the condition does not parse: " + ex.getMessage(), ex);
		}
		refuseReachingOut(id, expression.getAST());
		Rule rule = new Rule(id, type, severity, condition, expression);
		try {
			rule.matches(new RuleInput(5, 3, false, false, 8, 4, 3, "default"));
			rule.matches(new RuleInput(null, null, true, true, 8, null, null, null));
		}
		catch (RuntimeException ex) {
			throw new InvalidRuleException("rule '" + id + "': the condition cannot be evaluated on a check-in: "
					+ ex.getMessage(), ex);
		}
		return rule;
	}

	/** Only reading the check-in's own fields is allowed; anything that could reach the JVM is refused. */
	private static void refuseReachingOut(String id, SpelNode node) {
		if (node instanceof TypeReference || node instanceof BeanReference || node instanceof ConstructorReference
				|| node instanceof MethodReference || node instanceof FunctionReference
				|| node instanceof VariableReference) {
			throw new InvalidRuleException("rule '" + id + "': the condition may only read the check-in's fields, but it "
					+ "uses " + node.getClass().getSimpleName() + " '" + node.toStringAST() + "'");
		}
		for (int i = 0; i < node.getChildCount(); i++) {
			refuseReachingOut(id, node.getChild(i));
		}
	}

	private static String text(Map<?, ?> fields, String name, String rule) {
		Object value = fields.get(name);
		if (value == null || value.toString().isBlank()) {
			throw new InvalidRuleException("rule '" + rule + "': '" + name + "' is required");
		}
		return value.toString().strip();
	}

	private static <E extends Enum<E>> E parse(String id, String field, String value, Class<E> type) {
		try {
			return Enum.valueOf(type, value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRuleException("rule '" + id + "': '" + value + "' is not a " + field, ex);
		}
	}
}
