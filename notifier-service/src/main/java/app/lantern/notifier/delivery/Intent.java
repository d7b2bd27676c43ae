package app.lantern.notifier.delivery;

import java.util.Optional;

import app.lantern.events.AlertEvent;
import app.lantern.events.ClientMessage;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactInvitation;
import app.lantern.events.DeliveryKind;
import app.lantern.events.EventJson;
import app.lantern.events.LanternEvent;
import app.lantern.events.OnCallRota;
import app.lantern.notifier.oncall.StaffReach;

/**
 * Something Lantern would like to tell someone, before any check: the delivery, the client's newest profile
 * and the event that causes it (an alert, a reminder or an invitation) — and, for a staff member on call, who
 * they are. The checks and the message are both decided from this, the first time and at every retry.
 */
public record Intent(Claim claim, ClientProfile profile, LanternEvent cause, OnCallRota.StaffMember staff) {

	public Intent(Claim claim, ClientProfile profile, LanternEvent cause) {
		this(claim, profile, cause, null);
	}

	/** Whether this is for a staff member on call (tier 3) rather than a contact or the client. */
	public boolean toStaff() {
		return StaffReach.isStaff(claim.recipient());
	}

	/** A delivery that waited, as it stands now: the newest profile, the cause it was claimed for. */
	public static Intent resumed(PendingSend pending, ClientProfile newest) {
		Class<? extends LanternEvent> type = switch (pending.claim().kind()) {
			case ALERT, ALL_CLEAR, DIGEST -> AlertEvent.class;
			case REMINDER, WELCOME -> ClientMessage.class;
			case INVITATION -> ContactInvitation.class;
		};
		return new Intent(pending.claim(), newest, EventJson.read(pending.message().event(), type));
	}

	/** The contact this is for; absent for the client's own reminders, or a contact since removed. */
	public Optional<ClientProfile.SupportContact> contact() {
		return claim.kind().toClient() || toStaff() ? Optional.empty()
				: profile.contact(claim.recipient());
	}
}
