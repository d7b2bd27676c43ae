package app.lantern.alert;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import app.lantern.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * A record that can never be read goes to its own topic's {@code <topic>-dlt}, as in the other services,
 * with spring-kafka's dead-letter headers (exception, message, original topic, partition and offset), so one
 * replay procedure serves every dead letter; the stream goes on with the next record.
 */
public final class DeadLetters implements DeserializationExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	@Override
	public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
			Exception exception) {
		log.warn("Unreadable record at {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
				Topics.deadLetter(record.topic()), exception.getClass().getName());
		return Response.resume(List.of(deadLetter(record, exception)));
	}

	static ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, Exception exception) {
		StringWriter trace = new StringWriter();
		exception.printStackTrace(new PrintWriter(trace));
		RecordHeaders headers = new RecordHeaders(record.headers().toArray());
		headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(exception.getClass().getName()));
		headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(exception.getMessage())));
		headers.add(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, utf8(trace.toString()));
		headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()));
		headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(record.partition()).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(record.offset()).array());
		return new ProducerRecord<>(Topics.deadLetter(record.topic()), null, record.key(), record.value(), headers);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void configure(Map<String, ?> configs) {
	}
}
