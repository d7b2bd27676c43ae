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
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * A record that can never be read, or whose processing threw where nothing expected it, goes to its own
 * topic's {@code <topic>-dlt}, as in the other services, with spring-kafka's dead-letter headers (exception,
 * message, original topic, partition and offset), so one replay procedure serves every dead letter; the
 * stream goes on with the next record. A failure outside any record (a wall-clock punctuation) has nothing to
 * dead-letter: it is logged and the stream goes on.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);

	@Override
	public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
			ConsumerRecord<byte[], byte[]> record, Exception exception) {
		log.warn("Unreadable record at {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
				Topics.deadLetter(record.topic()), exception.getClass().getName());
		return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(record.topic(), record.partition(),
				record.offset(), record.key(), record.value(), record.headers(), exception)));
	}

	@Override
	public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
			Exception exception) {
		if (context.topic() == null || context.sourceRawValue() == null) {
			log.error("Processing failed outside any input record (node {}); the stream goes on",
					context.processorNodeId(), exception);
			return ProcessingExceptionHandler.Response.resume();
		}
		log.error("Processing of {}-{}@{} failed; the record goes to {} and the stream goes on", context.topic(),
				context.partition(), context.offset(), Topics.deadLetter(context.topic()), exception);
		return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context.topic(), context.partition(),
				context.offset(), context.sourceRawKey(), context.sourceRawValue(), context.headers(), exception)));
	}

	static ProducerRecord<byte[], byte[]> deadLetter(String topic, int partition, long offset, byte[] key,
			byte[] value, Headers original, Exception exception) {
		StringWriter trace = new StringWriter();
		exception.printStackTrace(new PrintWriter(trace));
		RecordHeaders headers = new RecordHeaders(original == null ? null : original.toArray());
		headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(exception.getClass().getName()));
		headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(exception.getMessage())));
		headers.add(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, utf8(trace.toString()));
		headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(topic));
		headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(partition).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(offset).array());
		return new ProducerRecord<>(Topics.deadLetter(topic), null, key, value, headers);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void configure(Map<String, ?> configs) {
	}
}
