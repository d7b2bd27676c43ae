package app.lantern.alert;

import java.time.Duration;
import java.time.Instant;

import app.lantern.alert.engagement.Adherence;
import app.lantern.alert.history.RecentCheckIns;
import app.lantern.alert.time.DeadlineScan;
import app.lantern.alert.time.Watch;
import app.lantern.platform.tracing.TraceParent;
import org.apache.kafka.common.header.internals.RecordHeaders;
import app.lantern.events.AlertAction;
import app.lantern.events.AlertEvent;
import app.lantern.events.AttendanceRecorded;
import app.lantern.events.CheckInReceived;
import app.lantern.events.ClientMessage;
import app.lantern.events.ClientProfile;
import app.lantern.events.EventJson;
import app.lantern.events.JsonSerde;
import app.lantern.events.LanternEvent;
import app.lantern.events.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the topology: profiles, check-ins and alert actions of a client meet in processors that share the
 * client's state stores (so they share a task), and alert events and client messages come out. Every input
 * is keyed by client id with the same partition count. A wall-clock punctuation scans the deadline index for
 * what is due by the settings' clock.
 */
public final class AlertTopology {

	static final String PROFILES = "profiles";

	static final String WATCHES = "watches";

	static final String OPEN_ALERTS = "open-alerts";

	static final String RECENT_CHECKINS = "check-in-history";

	static final String TIMERS = "timers";

	static final String ADHERENCE = "adherence";

	private static final String[] STORES = { PROFILES, WATCHES, OPEN_ALERTS, RECENT_CHECKINS, TIMERS, ADHERENCE };

	private AlertTopology() {
	}

	public static void build(StreamsBuilder builder, AlertSettings settings) {
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROFILES), Serdes.String(),
				JsonSerde.of(ClientProfile.class)));
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WATCHES), Serdes.String(),
				JsonSerde.of(Watch.class)));
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_ALERTS),
				Serdes.String(), JsonSerde.of(AlertEvent.class)));
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RECENT_CHECKINS),
				Serdes.String(), JsonSerde.of(RecentCheckIns.class)));
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMERS), Serdes.Bytes(),
				Serdes.String()));
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ADHERENCE), Serdes.String(),
				JsonSerde.of(Adherence.class)));

		KStream<String, LanternEvent> fromProfiles = builder
			.stream(Topics.CLIENT_PROFILES, Consumed.with(Serdes.String(), JsonSerde.of(ClientProfile.class)))
			.process(() -> new Step<ClientProfile>(settings, true,
					(engine, record, now) -> engine.profile(record.key(), record.value(), now)), STORES);
		KStream<String, LanternEvent> fromCheckIns = builder
			.stream(Topics.CHECKINS, Consumed.with(Serdes.String(), JsonSerde.of(CheckInReceived.class)))
			.process(() -> new Step<CheckInReceived>(settings, false,
					(engine, record, now) -> engine.checkIn(record.value(), now)), STORES);
		KStream<String, LanternEvent> fromActions = builder
			.stream(Topics.ALERT_ACTIONS, Consumed.with(Serdes.String(), JsonSerde.of(AlertAction.class)))
			.process(() -> new Step<AlertAction>(settings, false,
					(engine, record, now) -> engine.action(record.value(), now)), STORES);

		KStream<String, LanternEvent> fromAttendance = builder
			.stream(Topics.ATTENDANCE, Consumed.with(Serdes.String(), JsonSerde.of(AttendanceRecorded.class)))
			.process(() -> new Step<AttendanceRecorded>(settings, false,
					(engine, record, now) -> engine.attendance(record.value(), now)), STORES);

		fromProfiles.merge(fromCheckIns).merge(fromActions).merge(fromAttendance)
			.split(Named.as("out-"))
			.branch((key, event) -> event instanceof AlertEvent,
					Branched.withConsumer(alerts -> alerts.to(Topics.ALERTS, Produced.with(Serdes.String(), OUT))))
			.branch((key, event) -> event instanceof ClientMessage, Branched.withConsumer(
					messages -> messages.to(Topics.CLIENT_MESSAGES, Produced.with(Serdes.String(), OUT))))
			.noDefaultBranch();
	}

	/** Events leave as JSON; nothing in this application reads them back. */
	private static final Serde<LanternEvent> OUT = Serdes.serdeFrom(
			(topic, event) -> event == null ? null : EventJson.write(event), (topic, bytes) -> {
				throw new UnsupportedOperationException("the alert service only writes " + topic);
			});

	@FunctionalInterface
	interface Handler<V> {

		void handle(RulesEngine engine, Record<String, V> record, Instant now);
	}

	/** How soon a scan cut short goes on: in effect, at the stream thread's next turn. */
	private static final Duration CATCH_UP = Duration.ofMillis(10);

	/** One input's processor: hands each record to the task's rules engine and forwards what it says. */
	private static final class Step<V> implements Processor<String, V, String, LanternEvent> {

		private final AlertSettings settings;

		private final boolean keepsTime;

		private final Handler<V> handler;

		private ProcessorContext<String, LanternEvent> context;

		private RulesEngine engine;

		/** The traceparent of the record being judged, while it is. */
		private String judgedTrace;

		/** The last scan left timers due: the catch-up punctuation goes on with them. */
		private boolean behind;

		Step(AlertSettings settings, boolean keepsTime, Handler<V> handler) {
			this.settings = settings;
			this.keepsTime = keepsTime;
			this.handler = handler;
		}

		@Override
		public void init(ProcessorContext<String, LanternEvent> context) {
			this.context = context;
			this.engine = new RulesEngine(context, settings, this::forward);
			if (keepsTime) {
				// the stream's wall clock says only how often the engine looks; what is due is judged by the clock
				context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, timestamp -> scan(true));
				// a scan cut short (by its time, or by the most timers one handles) goes on at the next turn of the
				// stream thread's loop, after the records that came meanwhile, not a whole interval later
				context.schedule(CATCH_UP, PunctuationType.WALL_CLOCK_TIME, timestamp -> {
					if (behind) {
						scan(false);
					}
				});
			}
		}

		private void scan(boolean fromStart) {
			long started = System.nanoTime();
			DeadlineScan.Slice scan = engine.punctuate(settings.clock().instant(), started, fromStart);
			behind = scan.cutShort();
			settings.observer().scanned(scan.handled(), System.nanoTime() - started);
		}

		@Override
		public void process(Record<String, V> record) {
			if (record.key() == null) {
				return;
			}
			// a check-in's trace goes on through the engine into what it raises (alerts on a timer start none)
			judgedTrace = TraceParent.of(record.headers());
			try {
				settings.observer().judging(judgedTrace,
						() -> handler.handle(engine, record, settings.clock().instant()));
			}
			finally {
				judgedTrace = null;
			}
		}

		private void forward(LanternEvent event) {
			if (event instanceof AlertEvent alert) {
				settings.observer().alert(alert, engine.programmeOf(alert.clientId()));
			}
			RecordHeaders headers = new RecordHeaders();
			if (judgedTrace != null) {
				TraceParent.set(headers, settings.observer().traceparent(judgedTrace));
			}
			// the record's own timestamp is the broker's business (it refuses one far in the future): wall time
			context.forward(new Record<>(event.key(), event, context.currentSystemTimeMs(), headers));
		}
	}
}
