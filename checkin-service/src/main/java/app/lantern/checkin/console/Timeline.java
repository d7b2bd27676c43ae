package app.lantern.checkin.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import app.lantern.checkin.alerts.AlertReadModel;
import app.lantern.checkin.casework.CaseNotes;
import app.lantern.checkin.intake.CheckIns;

/**
 * The client's story in one list, newest first: their check-ins, the alerts they raised, and the case notes of
 * those who worked with them — what a case manager reads before a call.
 */
final class Timeline {

	/** How many entries the client page shows. */
	static final int SHOWN = 40;

	private Timeline() {
	}

	/** {@code kind}: CHECK_IN, ALERT or NOTE; {@code what}: the entry in words; {@code urgent}: a crisis. */
	record Entry(Instant at, String kind, String what, boolean urgent) {
	}

	static List<Entry> of(List<CheckIns.CheckInView> checkIns, List<AlertReadModel.AlertView> alerts,
			List<CaseNotes.Note> notes, Words words) {
		List<Entry> entries = new ArrayList<>();
		for (CheckIns.CheckInView checkIn : checkIns) {
			List<String> parts = new ArrayList<>();
			if (checkIn.craving() != null) {
				parts.add("craving " + checkIn.craving());
			}
			if (checkIn.mood() != null) {
				parts.add("mood " + checkIn.mood());
			}
			if (checkIn.used()) {
				parts.add("reported use");
			}
			if (checkIn.crisis()) {
				parts.add("asked for help now");
			}
			entries.add(new Entry(checkIn.receivedAt(), "CHECK_IN", "Checked in by " + channel(checkIn.channel())
					+ (parts.isEmpty() ? "" : ": " + String.join(", ", parts)), checkIn.crisis()));
		}
		for (AlertReadModel.AlertView alert : alerts) {
			entries.add(new Entry(alert.raisedAt(), "ALERT", words.alertType(alert.type()) + " raised — now "
					+ words.alertState(alert.state()).toLowerCase(java.util.Locale.ROOT), "CRISIS".equals(alert.type())));
		}
		for (CaseNotes.Note note : notes) {
			entries.add(new Entry(note.at(), "NOTE", note.kindInWords() + " by " + note.author() + " — "
					+ note.outcomeInWords() + (note.text() == null || note.text().isBlank() ? "" : ": " + note.text()),
					false));
		}
		entries.sort(Comparator.comparing(Entry::at).reversed());
		return entries.size() > SHOWN ? entries.subList(0, SHOWN) : entries;
	}

	private static String channel(String channel) {
		return switch (channel) {
			case "SMS" -> "text";
			case "WEB" -> "the page";
			default -> channel.toLowerCase(java.util.Locale.ROOT);
		};
	}
}
