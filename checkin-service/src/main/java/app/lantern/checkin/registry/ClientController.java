package app.lantern.checkin.registry;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registry's public API (docs/contract.md): clients, schedules, status, contacts and consents. Every path with a
 * client id answers 404 for another programme's client (ProgrammeGuard); reading a record is audited.
 */
@RestController
@RequestMapping("/api/clients")
class ClientController {

	private final ClientRegistry registry;

	private final SupportNetwork network;

	private final ClientRecords records;

	private final CheckInLinks links;

	private final Erasure erasure;

	private final Programmes programmes;

	private final AuditTrail audit;

	private final Aways aways;

	ClientController(ClientRegistry registry, SupportNetwork network, ClientRecords records, CheckInLinks links,
			Erasure erasure, Programmes programmes, AuditTrail audit, Aways aways) {
		this.aways = aways;
		this.erasure = erasure;
		this.registry = registry;
		this.network = network;
		this.records = records;
		this.links = links;
		this.programmes = programmes;
		this.audit = audit;
	}

	@PostMapping
	ResponseEntity<ClientView> enrol(@RequestBody(required = false) RegistryRequests.Enrolment body, Principal staff) {
		var enrolled = registry.enrol(body, staff.getName());
		ClientView view = records.find(enrolled.id()).orElseThrow().withCheckinUrl(links.url(enrolled.linkToken()));
		return ResponseEntity.created(URI.create("/api/clients/" + enrolled.id())).body(view);
	}

	/** The caseload of the staff user's programmes, newest enrolment first; {@code q} matches a name's start. */
	@GetMapping
	List<ClientRecords.ClientSummary> list(@RequestParam(required = false) String q) {
		return records.list(q, programmes.current().ids());
	}

	@GetMapping("/{id}")
	ClientView get(@PathVariable UUID id, Principal staff) {
		ClientView client = records.find(id).orElseThrow(() -> new NotFoundException("client"));
		audit.viewed(id, staff.getName(), "RECORD");
		return client;
	}

	/** Changes the client's own fields: any of displayName, phone, email, timezone, cravingThreshold, copingPlan. */
	@PatchMapping("/{id}")
	ClientView change(@PathVariable UUID id, @RequestBody(required = false) RegistryRequests.ClientChange body,
			Principal staff) {
		registry.change(id, body, staff.getName());
		return current(id);
	}

	@PutMapping("/{id}/schedule")
	ClientView schedule(@PathVariable UUID id, @RequestBody(required = false) RegistryRequests.ScheduleBody body,
			Principal staff) {
		registry.changeSchedule(id, body, staff.getName());
		return current(id);
	}

	@PostMapping("/{id}/status")
	ClientView status(@PathVariable UUID id, @RequestBody(required = false) RegistryRequests.StatusChange body,
			Principal staff) {
		registry.changeStatus(id, body, staff.getName());
		return current(id);
	}

	/** Ends the client's own away (AWAY n) now; 404 when they are not away. */
	@DeleteMapping("/{id}/away")
	ResponseEntity<Void> endAway(@PathVariable UUID id, Principal staff) {
		if (!aways.end(id, staff.getName())) {
			throw new NotFoundException("away");
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/contacts")
	ResponseEntity<Map<String, UUID>> addContact(@PathVariable UUID id,
			@RequestBody(required = false) RegistryRequests.NewContact body, Principal staff) {
		UUID contactId = network.addContact(id, body, staff.getName());
		return ResponseEntity.created(URI.create("/api/clients/" + id + "/contacts/" + contactId))
			.body(Map.of("id", contactId));
	}

	/** Changes a contact: the whole contact, as when added. */
	@PutMapping("/{id}/contacts/{contactId}")
	ClientView changeContact(@PathVariable UUID id, @PathVariable UUID contactId,
			@RequestBody(required = false) RegistryRequests.NewContact body, Principal staff) {
		network.changeContact(id, contactId, body, staff.getName());
		return current(id);
	}

	@DeleteMapping("/{id}/contacts/{contactId}")
	ResponseEntity<Void> removeContact(@PathVariable UUID id, @PathVariable UUID contactId, Principal staff) {
		network.removeContact(id, contactId, staff.getName());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/contacts/{contactId}/consents")
	ResponseEntity<Map<String, UUID>> grantConsent(@PathVariable UUID id, @PathVariable UUID contactId,
			@RequestBody(required = false) RegistryRequests.NewConsent body, Principal staff) {
		UUID consentId = network.grantConsent(id, contactId, body, staff.getName());
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", consentId));
	}

	@PostMapping("/{id}/contacts/{contactId}/consents/{consentId}/revoke")
	ClientView revokeConsent(@PathVariable UUID id, @PathVariable UUID contactId, @PathVariable UUID consentId,
			Principal staff) {
		network.revokeConsent(id, contactId, consentId, staff.getName());
		return current(id);
	}

	@PostMapping("/{id}/contacts/{contactId}/opt-in")
	ClientView confirmOptIn(@PathVariable UUID id, @PathVariable UUID contactId,
			@RequestBody(required = false) RegistryRequests.OptIn body, Principal staff) {
		network.confirmOptIn(id, contactId, body, staff.getName());
		return current(id);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> erase(@PathVariable UUID id, Principal staff) {
		erasure.erase(id, staff.getName());
		return ResponseEntity.noContent().build();
	}

	/** A new link, sent to the client by SMS; the old one stops working. */
	@PostMapping("/{id}/link/rotate")
	Map<String, String> rotateLink(@PathVariable UUID id, Principal staff) {
		return Map.of("checkinUrl", links.url(links.rotateLink(id, staff.getName())));
	}

	/** The link once more, to staff only (a new one: only its hash is kept); audited, not sent. */
	@PostMapping("/{id}/link/show")
	Map<String, String> showLink(@PathVariable UUID id, Principal staff) {
		return Map.of("checkinUrl", links.url(links.showLink(id, staff.getName())));
	}

	private ClientView current(UUID id) {
		return records.find(id).orElseThrow(() -> new NotFoundException("client"));
	}
}
