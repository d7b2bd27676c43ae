package app.lantern.checkin.web;

import java.util.List;
import java.util.Map;

import java.sql.SQLException;

import app.lantern.platform.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.databind.DatabindException;

/** Every API error as {@code application/problem+json}; a field error carries {@code errors[].field}. */
@RestControllerAdvice(basePackages = "app.lantern.checkin")
class ProblemResponses extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	@ExceptionHandler(InvalidFieldsException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ProblemDetail invalidFields(InvalidFieldsException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Some fields are not valid: " + ex.errors().stream().map(InvalidFieldsException.FieldError::field).toList());
		problem.setTitle("Invalid request");
		problem.setProperty("errors", ex.errors());
		return problem;
	}

	@ExceptionHandler(ConflictException.class)
	@ResponseStatus(HttpStatus.CONFLICT)
	ProblemDetail conflict(ConflictException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Conflict");
		problem.setProperty("errors", List.of(new InvalidFieldsException.FieldError(ex.field(), ex.getMessage())));
		return problem;
	}

	@ExceptionHandler(UnprocessableException.class)
	@ResponseStatus(HttpStatus.UNPROCESSABLE_CONTENT)
	ProblemDetail unprocessable(UnprocessableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("Unprocessable");
		problem.setProperty("errors", List.of(new InvalidFieldsException.FieldError(ex.field(), ex.getMessage())));
		return problem;
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	ProblemDetail notFound(NotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Not found");
		return problem;
	}

	/**
	 * The database away (stopped, restarting, a pooled connection the restart broke): 503 with {@code Retry-After},
	 * saying nothing was stored, rather than a bare 500. Any other data-access failure is a 500.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<ProblemDetail> databaseAway(RuntimeException ex) {
		if (FailureKind.of(ex) != FailureKind.PASSING) {
			// the class and the SQL state only at ERROR: a database's message may quote the row's values
			log.error("A request failed on the database: {} (SQL state {})", ex.getClass().getSimpleName(),
					sqlState(ex));
			log.debug("The request's failure", ex);
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
					"The request could not be completed");
			problem.setTitle("Internal error");
			return ResponseEntity.internalServerError().body(problem);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The database cannot be reached for the moment; nothing was stored. Try again in a few seconds.");
		problem.setTitle("Unavailable for the moment");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	private static String sqlState(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return "none";
	}

	/** A body that is not JSON, or a value of the wrong type: name the field Jackson was reading. */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body could not be read");
		problem.setTitle("Invalid request");
		if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			String field = databind.getPath()
				.stream()
				.map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
				.reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
				.orElse("body");
			problem.setDetail("The field '" + field + "' has a value of the wrong type");
			problem.setProperty("errors", List.of(Map.of("field", field, "message", "has a value of the wrong type")));
		}
		return ResponseEntity.badRequest().body(problem);
	}
}
