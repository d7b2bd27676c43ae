package app.lantern.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import app.lantern.events.AlertType;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.ContactChannel;
import app.lantern.events.ContactRole;

/** The clients the dispatch benchmark alerts: each with three consented, opted-in SMS contacts. */
final class DispatchClients {

	static final int CONTACTS = 3;

	private DispatchClients() {
	}

	static String clientId(int i) {
		return "bench-" + i;
	}

	/** Contact j of client i has the number +1 (3xx) yyy-yyyy, unique and readable back to the client. */
	private static String phone(int i, int j) {
		return String.format("+1%d%09d", 3 + j, i);
	}

	static ClientProfile profile(int i, Instant now) {
		var schedule = new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, now);
		var contacts = new ArrayList<ClientProfile.SupportContact>();
		for (int j = 0; j < CONTACTS; j++) {
			var consent = new ClientProfile.Consent("consent-" + i + "-" + j, Set.of(AlertType.values()), "care",
					now.minus(Duration.ofDays(1)), null, null, null);
			contacts.add(new ClientProfile.SupportContact("contact-" + i + "-" + j, "Sam", ContactRole.SPONSOR,
					phone(i, j), null, Set.of(ContactChannel.SMS), 1, ZoneOffset.UTC, null, true,
					Set.of(ContactChannel.SMS), false, List.of(consent)));
		}
		return new ClientProfile(UUID.randomUUID(), now, 1, clientId(i), 1, "Client " + i, String.format("+12%010d", i),
				ClientStatus.ACTIVE, ZoneOffset.UTC, schedule, 8, false, now.minus(Duration.ofDays(1)), contacts);
	}
}
