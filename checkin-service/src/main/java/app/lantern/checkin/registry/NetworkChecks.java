package app.lantern.checkin.registry;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

import app.lantern.checkin.web.FieldChecks;
import app.lantern.events.AlertType;
import app.lantern.events.ContactChannel;
import app.lantern.events.ContactRole;

/** Turns the support network's request bodies (contact, consent, opt-in) into checked values, naming every wrong field at once. */
final class NetworkChecks {

	private NetworkChecks() {
	}

	record Contact(String name, ContactRole role, String phone, String email, Set<ContactChannel> channels, int tier,
			ZoneId timezone, LocalTime quietStart, LocalTime quietEnd, boolean anyHour, String language) {
	}

	/** {@code onPaper}: signed on paper, seen by the staff user recording it; else the client signs on their page. */
	record Consent(Set<AlertType> alertTypes, String purpose, LocalDate expiresOn, String expiryEvent,
			boolean onPaper) {
	}

	static Contact contact(RegistryRequests.NewContact body, String region) {
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		checks.require(body.name(), "name");
		checks.maxLength(body.name(), 80, "name");
		ContactRole role = checks.require(body.role(), "role") ? checks.parse(body.role(), ContactRole::valueOf, "role",
				"must be one of SPONSOR, FAMILY, FRIEND, COUNSELOR, PEER, OTHER") : null;
		String phone = body.phone() == null || body.phone().isBlank() ? null
				: checks.parse(body.phone(), raw -> PhoneNumbers.e164(raw, region), "phone", PhoneNumbers.PROBLEM);
		String email = checks.email(body.email(), "email");
		Set<ContactChannel> channels = EnumSet.noneOf(ContactChannel.class);
		if (body.channels() == null || body.channels().isEmpty()) {
			checks.reject("channels", "needs at least one of SMS, EMAIL");
		}
		else {
			for (int i = 0; i < body.channels().size(); i++) {
				ContactChannel channel = checks.parse(body.channels().get(i), NetworkChecks::contactChannel,
						"channels[" + i + "]", "must be SMS or EMAIL");
				if (channel != null) {
					channels.add(channel);
				}
			}
		}
		if (channels.contains(ContactChannel.SMS) && phone == null && body.phone() == null) {
			checks.reject("phone", "is required for the SMS channel");
		}
		if (channels.contains(ContactChannel.EMAIL) && email == null && body.email() == null) {
			checks.reject("email", "is required for the EMAIL channel");
		}
		int tier = body.tier() == null ? 1 : body.tier();
		checks.range(tier, 1, 3, "tier");
		ZoneId zone = body.timezone() == null ? null : checks.zone(body.timezone(), "timezone");
		LocalTime quietStart = null;
		LocalTime quietEnd = null;
		if (body.quietHours() != null) {
			quietStart = checks.time(body.quietHours().start(), "quietHours.start", "must be a time HH:mm or HH:mm:ss");
			quietEnd = checks.time(body.quietHours().end(), "quietHours.end", "must be a time HH:mm or HH:mm:ss");
			if (quietStart == null || quietEnd == null) {
				checks.reject("quietHours", "needs both start and end");
			}
		}
		String language = RegistryChecks.language(checks, body.language(), "language");
		checks.throwIfAny();
		return new Contact(body.name().trim(), role, phone, email, channels, tier, zone, quietStart, quietEnd,
				Boolean.TRUE.equals(body.anyHour()), language);
	}

	/** A channel a contact may choose (a phone call is for staff on call only). */
	private static ContactChannel contactChannel(String name) {
		ContactChannel channel = ContactChannel.valueOf(name);
		if (!ContactChannel.FOR_CONTACTS.contains(channel)) {
			throw new IllegalArgumentException(name + " is not a contact's channel");
		}
		return channel;
	}

	static ContactChannel optIn(RegistryRequests.OptIn body) {
		FieldChecks checks = new FieldChecks();
		if (body == null || body.channel() == null) {
			checks.reject("channel", "is required").throwIfAny();
		}
		ContactChannel channel = checks.parse(body.channel(), NetworkChecks::contactChannel, "channel",
				"must be SMS or EMAIL");
		checks.throwIfAny();
		return channel;
	}

	static Consent consent(RegistryRequests.NewConsent body, LocalDate today) {
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		Set<AlertType> types = new LinkedHashSet<>();
		if (body.alertTypes() == null || body.alertTypes().isEmpty()) {
			checks.reject("alertTypes", "needs at least one alert type");
		}
		else {
			for (int i = 0; i < body.alertTypes().size(); i++) {
				AlertType type = checks.parse(body.alertTypes().get(i), AlertType::valueOf, "alertTypes[" + i + "]",
						"must be one of " + AlertType.names());
				if (type != null && !type.consentable()) {
					// a client's own away is for their staff only: no consent can name it
					checks.reject("alertTypes[" + i + "]", "must be one of " + AlertType.names());
				}
				else if (type != null) {
					types.add(type);
				}
			}
		}
		checks.require(body.purpose(), "purpose");
		checks.maxLength(body.purpose(), 500, "purpose");
		LocalDate expiresOn = checks.parse(body.expiresOn(), LocalDate::parse, "expiresOn",
				"must be a date such as 2027-01-31");
		if (expiresOn != null && expiresOn.isBefore(today)) {
			checks.reject("expiresOn", "must not be in the past");
		}
		checks.maxLength(body.expiryEvent(), 300, "expiryEvent");
		boolean noEvent = body.expiryEvent() == null || body.expiryEvent().isBlank();
		if (body.expiresOn() == null && noEvent) {
			// 42 CFR 2.31(a)(6): a consent states when it ends, by a date or an event
			checks.reject("expiresOn", "needs an expiry date, or an expiryEvent such as 'discharge from the programme'");
		}
		String signature = body.signature() == null || body.signature().isBlank() ? "PAPER" : body.signature().trim();
		if (!signature.equals("PAPER") && !signature.equals("CLIENT_PAGE")) {
			checks.reject("signature", "must be PAPER (a signed paper form, seen by you) or CLIENT_PAGE (the client "
					+ "signs on their private page)");
		}
		checks.throwIfAny();
		return new Consent(types, body.purpose().trim(), expiresOn, noEvent ? null : body.expiryEvent().trim(),
				signature.equals("PAPER"));
	}
}
