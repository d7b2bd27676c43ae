package app.lantern.notifier.delivery.listeners;

import app.lantern.events.DeliveryStatus;
import app.lantern.events.EventJson;
import app.lantern.events.SmsStatus;
import app.lantern.events.Topics;
import app.lantern.notifier.delivery.DeliveryMetrics;
import app.lantern.notifier.delivery.DeliveryPipeline;
import app.lantern.notifier.delivery.store.DeliveryLog;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Twilio's receipts, passed on by checkin-service: a sent SMS becomes DELIVERED, or FAILED with Twilio's error
 * code when it was undelivered — and then falls back like a permanent error. Receipts for deliveries this
 * notifier does not know are ignored.
 */
@Component
class DeliveryReceipts {

	private final DeliveryLog deliveries;

	private final DeliveryMetrics metrics;

	private final DeliveryPipeline pipeline;

	DeliveryReceipts(DeliveryLog deliveries, DeliveryMetrics metrics, DeliveryPipeline pipeline) {
		this.deliveries = deliveries;
		this.metrics = metrics;
		this.pipeline = pipeline;
	}

	@KafkaListener(id = "notifier-sms-status", topics = Topics.SMS_STATUS, groupId = "notifier-service.sms-status")
	void on(String payload) {
		SmsStatus receipt = EventJson.read(payload, SmsStatus.class);
		DeliveryStatus status = switch (receipt.status().toLowerCase()) {
			case "delivered", "read" -> DeliveryStatus.DELIVERED;
			case "failed", "undelivered" -> DeliveryStatus.FAILED;
			default -> null; // queued, sending, sent: nothing new to record
		};
		if (status == null) {
			return;
		}
		deliveries.sent(receipt.deliveryId()).ifPresent(sent -> {
			deliveries.finish(receipt.deliveryId(), sent.claim(), sent.consentId(), status, null,
					status == DeliveryStatus.FAILED ? "Twilio error " + receipt.errorCode() : null);
			metrics.finished(sent.claim(), status);
			if (status == DeliveryStatus.FAILED) {
				pipeline.fallBack(sent);
			}
		});
	}
}
