package app.lantern.platform.rules;

import app.lantern.events.AlertType;
import app.lantern.events.Severity;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/** One single-check-in rule: when {@code condition} holds, raise {@code type} at {@code severity}. */
public record Rule(String id, AlertType type, Severity severity, String source, Expression condition) {

	private static final EvaluationContext READ_ONLY = SimpleEvaluationContext.forReadOnlyDataBinding().build();

	public boolean matches(RuleInput input) {
		Boolean result = condition.getValue(READ_ONLY, input, Boolean.class);
		return Boolean.TRUE.equals(result);
	}
}
