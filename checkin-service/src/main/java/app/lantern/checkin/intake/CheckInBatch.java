package app.lantern.checkin.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import app.lantern.checkin.intake.CheckInBatches.Pending;
import app.lantern.checkin.intake.CheckIns.NewCheckIn;
import app.lantern.checkin.intake.CheckIns.Recorded;
import app.lantern.checkin.web.UnprocessableException;
import app.lantern.events.CheckInReceived;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What one batch of check-ins does in its transaction ({@link CheckInBatches} decides who waits and who writes):
 * earlier check-ins under the same idempotency keys looked up together, the clients' rows locked in id order,
 * their last check-in times moved, one multi-row insert into {@code check_in} and one into the outbox. Each
 * check-in gets an outcome of its own (stored, stored before, no such client, or refused), so that one refused
 * check-in does not fail the others.
 */
@Component
class CheckInBatch {

	private final JdbcClient jdbc;

	private final Outbox outbox;

	CheckInBatch(JdbcClient jdbc, Outbox outbox) {
		this.jdbc = jdbc;
		this.outbox = outbox;
	}

	/** What to answer a check-in's request once the batch has committed: its record, or why it was refused. */
	record Outcome(Optional<Recorded> recorded, RuntimeException failure) {

		static Outcome of(Optional<Recorded> recorded) {
			return new Outcome(recorded, null);
		}

		static Outcome failed(RuntimeException failure) {
			return new Outcome(Optional.empty(), failure);
		}

		/** The check-in's record, or its refusal thrown. */
		Optional<Recorded> answer() {
			if (failure != null) {
				throw failure;
			}
			return recorded;
		}
	}

	private record Earlier(UUID id, boolean crisis, String requestHash) {
	}

	/** The whole batch in the caller's transaction; each check-in's outcome, to be answered after the commit. */
	Map<Pending, Outcome> store(List<Pending> batch) {
		Map<Pending, Outcome> outcomes = new LinkedHashMap<>();
		Map<String, Earlier> earlier = earlierByKey(batch);
		Map<String, Pending> firstWithKey = new HashMap<>();
		List<Pending> fresh = new ArrayList<>();
		List<Pending> sameKeyInBatch = new ArrayList<>();
		for (Pending pending : batch) {
			String key = pending.checkIn().idempotencyKey();
			if (key != null && earlier.containsKey(key)) {
				outcomes.put(pending, answerFromEarlier(pending, earlier.get(key)));
			}
			else if (key != null && firstWithKey.putIfAbsent(key, pending) != null) {
				sameKeyInBatch.add(pending);
			}
			else {
				fresh.add(pending);
			}
		}
		Map<UUID, String> programmes = new HashMap<>();
		Map<UUID, Long> profileVersions = lockClients(fresh, programmes);
		List<Pending> known = fresh.stream().filter(p -> profileVersions.containsKey(p.checkIn().clientId())).toList();
		fresh.stream()
			.filter(p -> !profileVersions.containsKey(p.checkIn().clientId()))
			.forEach(p -> outcomes.put(p, Outcome.of(Optional.empty())));
		touchClients(known);
		Map<Pending, UUID> ids = new LinkedHashMap<>();
		known.forEach(p -> ids.put(p, UUID.randomUUID()));
		Set<UUID> inserted = insert(ids);
		List<CheckInReceived> events = new ArrayList<>();
		List<String> traces = new ArrayList<>();
		List<Pending> lostRace = new ArrayList<>();
		// the note stays in the client's record: no consumer needs it (crisis words were read on the request's
		// thread), and what is on the topic cannot be erased before its retention ends
		ids.forEach((pending, id) -> {
			if (!inserted.contains(id)) {
				// another writer stored the same key meanwhile
				lostRace.add(pending);
				return;
			}
			NewCheckIn checkIn = pending.checkIn();
			events.add(CheckInReceived.of(id, checkIn.clientId().toString(), checkIn.channel(), checkIn.craving(),
					checkIn.mood(), checkIn.used(), null, pending.crisis(), pending.at(),
					profileVersions.get(checkIn.clientId())));
			traces.add(pending.trace());
			outcomes.put(pending, Outcome.of(Optional.of(new Recorded(id, true, pending.crisis(),
					programmes.get(checkIn.clientId())))));
		});
		outbox.appendAll(Topics.CHECKINS, events, traces);
		if (!lostRace.isEmpty() || !sameKeyInBatch.isEmpty()) {
			List<Pending> again = new ArrayList<>(lostRace);
			again.addAll(sameKeyInBatch);
			Map<String, Earlier> stored = earlierByKey(again);
			for (Pending pending : again) {
				Earlier first = stored.get(pending.checkIn().idempotencyKey());
				outcomes.put(pending, first != null ? answerFromEarlier(pending, first)
						: Outcome.failed(new IllegalStateException("a check-in's key was neither stored nor found")));
			}
		}
		return outcomes;
	}

	private static Outcome answerFromEarlier(Pending pending, Earlier earlier) {
		try {
			sameCheckIn(pending.checkIn(), earlier.requestHash());
			return Outcome.of(Optional.of(new Recorded(earlier.id(), false, earlier.crisis())));
		}
		catch (RuntimeException refused) {
			return Outcome.failed(refused);
		}
	}

	private Map<String, Earlier> earlierByKey(List<Pending> batch) {
		String[] keys = batch.stream()
			.map(p -> p.checkIn().idempotencyKey())
			.filter(Objects::nonNull)
			.distinct()
			.toArray(String[]::new);
		if (keys.length == 0) {
			return Map.of();
		}
		Map<String, Earlier> found = new HashMap<>();
		jdbc.sql("select idempotency_key, id, crisis, request_hash from check_in where idempotency_key = any(?::text[])")
			.param(keys)
			.query(rs -> {
				found.put(rs.getString("idempotency_key"), new Earlier(rs.getObject("id", UUID.class),
						rs.getBoolean("crisis"), rs.getString("request_hash")));
			});
		return found;
	}

	/**
	 * Locks the clients' rows in id order (the order every writer takes them in) and reads the profile version
	 * any alert of these check-ins is decided on, at least.
	 */
	/** Locks the batch's clients; answers their profile versions, and fills in their programmes. */
	private Map<UUID, Long> lockClients(List<Pending> batch, Map<UUID, String> programmes) {
		String[] clients = batch.stream()
			.map(p -> p.checkIn().clientId().toString())
			.distinct()
			.sorted()
			.toArray(String[]::new);
		Map<UUID, Long> versions = new HashMap<>();
		if (clients.length > 0) {
			jdbc.sql("select id, profile_version, programme_id from client where id = any(?::text[]::uuid[]) order by id "
					+ "for update")
				.param(clients)
				.query(rs -> {
					versions.put(rs.getObject("id", UUID.class), rs.getLong("profile_version"));
					programmes.put(rs.getObject("id", UUID.class), rs.getString("programme_id"));
				});
		}
		return versions;
	}

	private void touchClients(List<Pending> batch) {
		Map<UUID, Instant> latest = new TreeMap<>();
		batch.forEach(p -> latest.merge(p.checkIn().clientId(), p.at(), (a, b) -> a.isAfter(b) ? a : b));
		if (latest.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update client c set last_check_in_at = greatest(c.last_check_in_at, v.at)
				from unnest(?::text[]::uuid[], ?::text[]::timestamptz[]) as v(id, at) where c.id = v.id""")
			.params(column(latest.keySet(), UUID::toString), column(latest.values(), Instant::toString))
			.update();
	}

	private Set<UUID> insert(Map<Pending, UUID> ids) {
		Set<UUID> inserted = new HashSet<>();
		if (ids.isEmpty()) {
			return inserted;
		}
		List<Pending> rows = new ArrayList<>(ids.keySet());
		jdbc.sql("""
				insert into check_in (id, client_id, channel, craving, mood, used, note, crisis, received_at,
				  idempotency_key, request_hash)
				select * from unnest(?::text[]::uuid[], ?::text[]::uuid[], ?::text[], ?::text[]::int[], ?::text[]::int[],
				  ?::text[]::boolean[], ?::text[], ?::text[]::boolean[], ?::text[]::timestamptz[], ?::text[], ?::text[])
				on conflict (idempotency_key) do nothing
				returning id""")
			.params(column(rows, p -> ids.get(p).toString()), column(rows, p -> p.checkIn().clientId().toString()),
					column(rows, p -> p.checkIn().channel().name()), column(rows, p -> text(p.checkIn().craving())),
					column(rows, p -> text(p.checkIn().mood())), column(rows, p -> String.valueOf(p.checkIn().used())),
					column(rows, Pending::note), column(rows, p -> String.valueOf(p.crisis())),
					column(rows, p -> p.at().toString()), column(rows, p -> p.checkIn().idempotencyKey()),
					column(rows, p -> p.checkIn().idempotencyKey() == null ? null : p.checkIn().requestHash()))
			.query((rs, n) -> rs.getObject("id", UUID.class))
			.list()
			.forEach(inserted::add);
		return inserted;
	}

	private static <T> String[] column(Collection<T> rows, Function<T, String> value) {
		return rows.stream().map(value).toArray(String[]::new);
	}

	private static String text(Integer value) {
		return value == null ? null : value.toString();
	}

	/** Refuses a check-in whose key was stored before with another check-in ({@code storedHash}). */
	static void sameCheckIn(NewCheckIn checkIn, String storedHash) {
		if (storedHash != null && !storedHash.equals(checkIn.requestHash())) {
			throw new UnprocessableException("Idempotency-Key",
					"was used before with a different check-in: use a new key for a new check-in");
		}
	}
}
