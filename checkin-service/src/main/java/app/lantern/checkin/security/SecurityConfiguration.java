package app.lantern.checkin.security;

import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.lantern.checkin.CheckinProperties;
import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.StaffAuthority;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.ui.DefaultResourcesFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/**
 * Two chains: the API answers 401 (never a redirect to a login page) and skips CSRF only for requests that
 * carry their own credentials; everything else is the console, with form login and CSRF. Webhooks and the
 * client's check-in page verify themselves (a Twilio signature, an unguessable token). A staff user with a second
 * factor, or in a programme that requires one, is not signed in by a password alone ({@link SecondFactorGate}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	RememberedSignIns rememberedSignIns(StaffUsers users, PasswordEncoder passwordEncoder, LoginThrottle throttle,
			Clock clock) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
		passwords.setPasswordEncoder(passwordEncoder);
		return new RememberedSignIns(passwords, throttle, clock, users::currentCredential);
	}

	/** Staff's passkeys: the users they belong to, by Spring Security's own JDBC repository. */
	@Bean
	PublicKeyCredentialUserEntityRepository passkeyUsers(JdbcOperations jdbc) {
		return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
	}

	@Bean
	UserCredentialRepository passkeys(JdbcOperations jdbc, AuditTrail audit) {
		return new Passkeys(jdbc, audit);
	}

	/**
	 * No observation per security filter, authentication and authorization: they were a quarter of an API call's
	 * CPU in the intake benchmark's profile, and told nothing the request's own observation ({@code
	 * http.server.requests}, traced) does not. Sign-ins and failed sign-ins are audited apart ({@link SignInAudit}).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, AuthenticatorCodes codes, SecondFactors factors,
			ApplicationEventPublisher events) throws Exception {
		BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
		challenge.setRealmName("Lantern");
		// a browser is never asked for Basic credentials: it would cache them, and a forged cross-site post
		// would then ride on them; scripts and API clients (no Sec-Fetch-* headers) are still challenged
		var basic = new DelegatingAuthenticationEntryPoint(
				new LinkedHashMap<>(Map.of(SecurityConfiguration::fromABrowser,
						new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED))));
		basic.setDefaultEntryPoint(challenge);
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(requests -> requests
				// the whole platform's tools: ADMIN only
				.requestMatchers("/api/staff/dead-letters/**", "/api/staff/profiles/**", "/api/audit/verify")
				.hasRole("ADMIN")
				// staff, rota and audit: an ADMIN, or a programme's administrator within it (StaffAuthority)
				.requestMatchers("/api/staff/**", "/api/audit/**")
				.hasAnyRole("ADMIN", StaffAuthority.PROGRAMME_ADMIN)
				.requestMatchers(HttpMethod.DELETE, "/api/clients/*")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.POST, "/api/programmes/**")
				.hasRole("ADMIN")
				// a programme's own administrator sets its policy (ProgrammeController checks it is theirs)
				.requestMatchers(HttpMethod.PUT, "/api/programmes/**")
				.hasAnyRole("ADMIN", StaffAuthority.PROGRAMME_ADMIN)
				.anyRequest()
				.hasAnyRole("STAFF", StaffAuthority.PROGRAMME_ADMIN, "ADMIN"))
			.httpBasic(httpBasic -> httpBasic.authenticationEntryPoint(basic))
			.addFilterAfter(new SecondFactorGate(codes, factors, events), AuthorizationFilter.class)
			.addFilterAfter(new MustChangePassword(), AuthorizationFilter.class)
			.exceptionHandling(errors -> errors.authenticationEntryPoint(basic))
			.csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfiguration::cannotBeForged));
		return http.build();
	}

	/** A browser says so in its fetch metadata (every current browser sends {@code Sec-Fetch-Mode}). */
	private static boolean fromABrowser(HttpServletRequest request) {
		return request.getHeader("Sec-Fetch-Mode") != null || request.getHeader("Sec-Fetch-Site") != null;
	}

	/**
	 * CSRF rides on a browser's session cookie; a request with its own credentials, or with no session at all
	 * (which then meets the 401), cannot be forged that way.
	 */
	private static boolean cannotBeForged(HttpServletRequest request) {
		return request.getHeader("Authorization") != null || request.getRequestedSessionId() == null;
	}

	@Bean
	@Order(2)
	SecurityFilterChain console(HttpSecurity http, StaffUsers users, CheckinProperties properties,
			@Value("${lantern.passkey-origins:}") List<String> passkeyOrigins, AuthenticatorCodes codes,
			SecondFactors factors, ApplicationEventPublisher events) throws Exception {
		// a passkey signs in only an account that is enabled and not locked (the password's provider checks the same)
		UserDetailsChecker status = new AccountStatusUserDetailsChecker();
		http.setSharedObject(UserDetailsService.class, username -> {
			UserDetails user = users.loadUserByUsername(username);
			status.check(user);
			return user;
		});
		URI site = URI.create(properties.publicBaseUrl());
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus", "/actuator/info")
			.permitAll()
			// a staff member's calendar feed is read by their calendar app, with the private URL's token alone
			.requestMatchers(HttpMethod.GET, "/calendar/*.ics")
			.permitAll()
			.requestMatchers("/twilio/**", "/c/**", "/contacts/confirm", "/login", "/login/webauthn.js", "/js/**", "/error",
					"/css/**", "/icons/**", "/favicon.ico")
			.permitAll()
			// the on-call rota is changed by ADMINs only (everyone may see who is on call)
			.requestMatchers(HttpMethod.POST, "/clients/*/erase")
			.hasRole("ADMIN")
			.requestMatchers(HttpMethod.POST, "/on-call/**")
			.hasAnyRole("ADMIN", StaffAuthority.PROGRAMME_ADMIN)
			.requestMatchers("/audit/**")
			.hasAnyRole("ADMIN", StaffAuthority.PROGRAMME_ADMIN)
			.anyRequest()
			.hasAnyRole("STAFF", StaffAuthority.PROGRAMME_ADMIN, "ADMIN"))
			.formLogin(form -> form.loginPage("/login").permitAll())
			// passkeys for the site's host (LANTERN_PUBLIC_BASE_URL), used from the console's origins (the same URL
			// unless LANTERN_PASSKEY_ORIGINS says otherwise); the console's own pages list and add them, with Spring
			// Security's script (served at /login/webauthn.js)
			.webAuthn(passkeys -> passkeys.rpName("Lantern")
				.rpId(site.getHost())
				.allowedOrigins(passkeyOrigins.isEmpty() ? Set.of(properties.publicBaseUrl())
						: new HashSet<>(passkeyOrigins))
				.disableDefaultRegistrationPage(true))
			.addFilter(DefaultResourcesFilter.webauthn())
			.addFilterAfter(new SecondFactorGate(codes, factors, events), AuthorizationFilter.class)
			.addFilterAfter(new MustChangePassword(), AuthorizationFilter.class)
			.logout(Customizer.withDefaults())
			.exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
					new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), request -> request.getRequestURI().startsWith("/actuator")))
			// Twilio signs its webhooks; the check-in page carries its own signed proof, with no session to ride on
			.csrf(csrf -> csrf.ignoringRequestMatchers("/twilio/**", "/c/**"));
		return http.build();
	}
}
