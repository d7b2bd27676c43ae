package app.lantern.checkin.registry;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.CheckinProperties;
import app.lantern.checkin.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The registry's public API of DESIGN.md: clients, schedules, status, contacts and consents. */
@RestController
@RequestMapping("/api/clients")
class ClientController {

	private final ClientRegistry registry;

	private final SupportNetwork network;

	private final ClientRecords records;

	private final CheckinProperties properties;


	ClientController(ClientRegistry registry, SupportNetwork network, ClientRecords records,
			CheckinProperties properties) {
		this.registry = registry;
		this.network = network;
		this.records = records;
		this.properties = properties;
	}

	@PostMapping
	ResponseEntity<ClientView> enrol(@RequestBody(required = false) RegistryRequests.Enrolment body, Principal staff) {
		var enrolled = registry.enrol(body, staff.getName());
		ClientView view = records.find(enrolled.id()).orElseThrow().withCheckinUrl(checkinUrl(enrolled.linkToken()));
		return ResponseEntity.created(URI.create("/api/clients/" + enrolled.id())).body(view);
	}

	/** The caseload, newest enrolment first; {@code q} matches the start of a display name. */
	@GetMapping
	List<ClientRecords.ClientSummary> list(@RequestParam(required = false) String q) {
		return records.list(q);
	}

	@GetMapping("/{id}")
	ClientView get(@PathVariable UUID id) {
		return records.find(id).orElseThrow(() -> new NotFoundException("client"));
	}

	@PutMapping("/{id}/schedule")
	ClientView schedule(@PathVariable UUID id, @RequestBody(required = false) RegistryRequests.ScheduleBody body,
			Principal staff) {
		registry.changeSchedule(id, body, staff.getName());
		return get(id);
	}

	@PostMapping("/{id}/status")
	ClientView status(@PathVariable UUID id, @RequestBody(required = false) RegistryRequests.StatusChange body,
			Principal staff) {
		registry.changeStatus(id, body, staff.getName());
		return get(id);
	}

	@PostMapping("/{id}/contacts")
	ResponseEntity<Map<String, UUID>> addContact(@PathVariable UUID id,
			@RequestBody(required = false) RegistryRequests.NewContact body, Principal staff) {
		UUID contactId = network.addContact(id, body, staff.getName());
		return ResponseEntity.created(URI.create("/api/clients/" + id + "/contacts/" + contactId))
			.body(Map.of("id", contactId));
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
		return get(id);
	}

	@PostMapping("/{id}/contacts/{contactId}/opt-in")
	ClientView confirmOptIn(@PathVariable UUID id, @PathVariable UUID contactId,
			@RequestBody(required = false) RegistryRequests.OptIn body, Principal staff) {
		network.confirmOptIn(id, contactId, body, staff.getName());
		return get(id);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> erase(@PathVariable UUID id, Principal staff) {
		registry.erase(id, staff.getName());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/link/rotate")
	Map<String, String> rotateLink(@PathVariable UUID id, Principal staff) {
		return Map.of("checkinUrl", checkinUrl(registry.rotateLink(id, staff.getName())));
	}

	private String checkinUrl(String token) {
		return properties.publicBaseUrl() + "/c/" + token;
	}
}
