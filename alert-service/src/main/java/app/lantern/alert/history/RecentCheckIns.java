package app.lantern.alert.history;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A client's latest check-ins, newest first, as much of them as trend rules read: which ones were seen (so a
 * redelivered check-in changes nothing) and their cravings.
 */
public record RecentCheckIns(List<Entry> entries) {

	/** How many check-ins are kept: enough to recognise a redelivery long after the first. */
	static final int KEPT = 50;

	public static final RecentCheckIns NONE = new RecentCheckIns(List.of());

	public RecentCheckIns {
		entries = List.copyOf(entries);
	}

	/** One check-in: its id and its craving, or null when it gave none. */
	public record Entry(UUID checkInId, Integer craving) {
	}

	public boolean contains(UUID checkInId) {
		return entries.stream().anyMatch(entry -> entry.checkInId().equals(checkInId));
	}

	/** The craving of the check-in {@code back} places before the newest (0 is the newest), or null. */
	public Integer cravingBack(int back) {
		return back < entries.size() ? entries.get(back).craving() : null;
	}

	RecentCheckIns with(UUID checkInId, Integer craving) {
		List<Entry> next = new ArrayList<>(entries.size() + 1);
		next.add(new Entry(checkInId, craving));
		next.addAll(entries.subList(0, Math.min(entries.size(), KEPT - 1)));
		return new RecentCheckIns(next);
	}
}
