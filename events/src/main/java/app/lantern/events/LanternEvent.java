package app.lantern.events;

import java.time.Instant;
import java.util.UUID;

/** What every event on a Lantern topic carries. */
public interface LanternEvent {

	UUID eventId();

	Instant occurredAt();

	int schemaVersion();

	/** The record key: the client id, so that one client's events stay in order on one partition. */
	String key();
}
