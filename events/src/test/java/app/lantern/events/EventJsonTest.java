package app.lantern.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.node.ObjectNode;

class EventJsonTest {

	static Stream<LanternEvent> events() {
		return Samples.all().stream();
	}

	@ParameterizedTest
	@MethodSource("events")
	void everyEventRoundTrips(LanternEvent event) {
		byte[] json = EventJson.write(event);

		assertThat(EventJson.read(json, event.getClass())).isEqualTo(event);
	}

	@ParameterizedTest
	@MethodSource("events")
	void aPayloadWithFieldsFromANewerWriterStillReads(LanternEvent event) {
		ObjectNode node = (ObjectNode) EventJson.mapper().valueToTree(event);
		node.put("addedInVersion2", "something new");
		node.putObject("nested").put("x", 1);

		assertThat(EventJson.read(node.toString(), event.getClass())).isEqualTo(event);
	}

	@ParameterizedTest
	@MethodSource("events")
	void aPayloadMissingItsEventIdFailsWhole(LanternEvent event) {
		ObjectNode node = (ObjectNode) EventJson.mapper().valueToTree(event);
		node.remove("eventId");

		assertThatThrownBy(() -> EventJson.read(node.toString(), event.getClass()))
			.isInstanceOf(InvalidEventException.class)
			.hasMessageContaining("eventId");
	}

	@Test
	void instantsAreWrittenAsIsoText() {
		String json = EventJson.writeString(Samples.checkIn());

		assertThat(json).contains("\"receivedAt\":\"2026-03-08T14:05:00Z\"").contains("\"schemaVersion\":1");
	}

	@Test
	void aCravingOutOfRangeIsRefusedWithTheFieldNamed() {
		ObjectNode node = (ObjectNode) EventJson.mapper().valueToTree(Samples.checkIn());
		node.put("craving", 11);

		assertThatThrownBy(() -> EventJson.read(node.toString(), CheckInReceived.class))
			.isInstanceOf(InvalidEventException.class)
			.hasMessageContaining("craving must be between 0 and 10");
	}

	@Test
	void aMoodOutOfRangeIsRefused() {
		ObjectNode node = (ObjectNode) EventJson.mapper().valueToTree(Samples.checkIn());
		node.put("mood", 0);

		assertThatThrownBy(() -> EventJson.read(node.toString(), CheckInReceived.class))
			.hasMessageContaining("mood must be between 1 and 5");
	}

	@Test
	void anAbsentMoodIsAllowed() {
		ObjectNode node = (ObjectNode) EventJson.mapper().valueToTree(Samples.checkIn());
		node.remove("mood");

		assertThat(EventJson.read(node.toString(), CheckInReceived.class).mood()).isNull();
	}

	@Test
	void aMissingRequiredNumberIsNotReadAsZero() {
		ObjectNode node = (ObjectNode) EventJson.mapper().valueToTree(Samples.checkIn());
		node.remove("craving");

		assertThatThrownBy(() -> EventJson.read(node.toString(), CheckInReceived.class))
			.isInstanceOf(InvalidEventException.class)
			.hasMessageContaining("craving");
	}

	@Test
	void aCrisisCheckInMayComeWithoutACraving() {
		ObjectNode node = (ObjectNode) EventJson.mapper().valueToTree(Samples.checkIn());
		node.remove("craving");
		node.put("crisis", true);

		assertThat(EventJson.read(node.toString(), CheckInReceived.class).craving()).isNull();
	}

	@Test
	void anUnknownEnumValueIsRefused() {
		ObjectNode node = (ObjectNode) EventJson.mapper().valueToTree(Samples.alert());
		node.put("type", "SOMETHING_ELSE");

		assertThatThrownBy(() -> EventJson.read(node.toString(), AlertEvent.class))
			.isInstanceOf(InvalidEventException.class)
			.hasMessageContaining("AlertEvent");
	}

	@Test
	void aDeliveryWrittenBeforeKindExistedReadsAsAnAlertDelivery() {
		ObjectNode node = (ObjectNode) EventJson.mapper().valueToTree(Samples.delivery());
		node.remove("kind");

		assertThat(EventJson.read(node.toString(), DeliveryEvent.class).kind()).isEqualTo(DeliveryKind.ALERT);
	}

	@Test
	void anEmailInvitationNeedsItsConfirmationLink() {
		ObjectNode node = (ObjectNode) EventJson.mapper().valueToTree(Samples.invitation());
		node.remove("confirmUrl");

		assertThatThrownBy(() -> EventJson.read(node.toString(), ContactInvitation.class))
			.hasMessageContaining("confirmUrl");
	}

	@Test
	void brokenJsonIsRefused() {
		assertThatThrownBy(() -> EventJson.read("{\"eventId\": ", CheckInReceived.class))
			.isInstanceOf(InvalidEventException.class);
	}

	@Test
	void aNestedContactWithoutConsentsListIsRefused() {
		ObjectNode node = (ObjectNode) EventJson.mapper().valueToTree(Samples.profile());
		((ObjectNode) node.get("contacts").get(0)).remove("consents");

		assertThatThrownBy(() -> EventJson.read(node.toString(), ClientProfile.class))
			.isInstanceOf(InvalidEventException.class)
			.hasMessageContaining("consents");
	}

	@Test
	void theKafkaSerdeReadsTombstonesAsNullAndMalformedAsSerializationErrors() {
		JsonSerde<ClientProfile> serde = JsonSerde.of(ClientProfile.class);

		assertThat(serde.deserialize(Topics.CLIENT_PROFILES, null)).isNull();
		assertThatThrownBy(() -> serde.deserialize(Topics.CLIENT_PROFILES, "nope".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining(Topics.CLIENT_PROFILES);
	}

	@Test
	void theKeyIsTheClientIdExceptForSmsReceipts() {
		assertThat(Samples.checkIn().key()).isEqualTo("c-1");
		assertThat(Samples.profile().key()).isEqualTo("c-1");
		SmsStatus status = Samples.smsStatus();
		assertThat(status.key()).isEqualTo(status.deliveryId().toString());
	}
}
