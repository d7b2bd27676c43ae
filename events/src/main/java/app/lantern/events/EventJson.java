package app.lantern.events;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON form of every event. Unknown fields are ignored, so an older reader accepts a newer writer's
 * additions; a payload that misses a required field or breaks a range fails whole with
 * {@link InvalidEventException}, never as a half-filled record.
 */
public final class EventJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private EventJson() {
	}

	public static JsonMapper mapper() {
		return MAPPER;
	}

	public static byte[] write(Object event) {
		try {
			return MAPPER.writeValueAsBytes(event);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("cannot write " + event.getClass().getSimpleName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

	public static String writeString(Object event) {
		return new String(write(event), StandardCharsets.UTF_8);
	}

	public static <T> T read(byte[] json, Class<T> type) {
		try {
			return MAPPER.readValue(json, type);
		}
		catch (JacksonException ex) {
			throw invalid(type, ex);
		}
	}

	public static <T> T read(String json, Class<T> type) {
		try {
			return MAPPER.readValue(json, type);
		}
		catch (JacksonException ex) {
			throw invalid(type, ex);
		}
	}

	private static InvalidEventException invalid(Class<?> type, JacksonException ex) {
		Throwable cause = ex.getCause();
		String why = cause instanceof InvalidEventException invalid ? invalid.getMessage() : ex.getOriginalMessage();
		return new InvalidEventException("not a valid " + type.getSimpleName() + ": " + why, ex);
	}
}
