package app.lantern.notifier.oncall;

import java.util.Optional;

import app.lantern.events.EventJson;
import app.lantern.events.OnCallRota;
import app.lantern.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The newest on-call rota, as checkin-service published it; an older version than the one held is ignored. */
@Component
public class OnCallView {

	private final JdbcClient jdbc;

	OnCallView(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@KafkaListener(id = "notifier-on-call", topics = Topics.ON_CALL, groupId = "notifier-service.on-call")
	void on(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			return;
		}
		OnCallRota rota = EventJson.read(record.value(), OnCallRota.class);
		jdbc.sql("""
				insert into on_call_rota (id, version, payload) values (1, ?, ?)
				on conflict (id) do update set version = excluded.version, payload = excluded.payload
				where on_call_rota.version < excluded.version""")
			.params(rota.version(), record.value())
			.update();
	}

	/** The rota held; empty before checkin-service first published one. */
	public Optional<OnCallRota> current() {
		return jdbc.sql("select payload from on_call_rota where id = 1")
			.query(String.class)
			.optional()
			.map(json -> EventJson.read(json, OnCallRota.class));
	}
}
