package app.lantern.checkin.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What a staff password must be (NIST SP 800-63B's advice: length, and not a known or guessable one, rather than
 * composition rules): at least 12 characters; not on the list of common passwords (the built-in list, plus
 * {@code LANTERN_STAFF_COMMON_PASSWORDS_FILE} if given), compared without case; not one character repeated; not
 * the username, nor "lantern", with a few characters added.
 */
@Component
class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	private final Set<String> common = new HashSet<>();

	PasswordPolicy(@Value("${lantern.staff.common-passwords-file:}") String extraList) {
		try (InputStream builtIn = PasswordPolicy.class.getResourceAsStream("/security/common-passwords.txt")) {
			read(builtIn);
			if (!extraList.isBlank()) {
				try (InputStream extra = Files.newInputStream(Path.of(extraList))) {
					read(extra);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the list of common passwords could not be read", ex);
		}
	}

	/** What is wrong with this password for this user, if anything (one plain sentence). */
	Optional<String> problem(String username, String password) {
		if (password.length() < MIN_LENGTH) {
			return Optional.of("must be at least " + MIN_LENGTH + " characters");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (common.contains(lower)) {
			return Optional.of("is one of the most common passwords: choose another (a few unrelated words work well)");
		}
		if (lower.chars().distinct().count() <= 2) {
			return Optional.of("repeats one or two characters: choose another");
		}
		for (String guessable : new String[] { username == null ? "" : username.toLowerCase(Locale.ROOT), "lantern" }) {
			if (!guessable.isBlank() && lower.contains(guessable) && lower.length() - guessable.length() < 6) {
				return Optional.of("is too close to " + (guessable.equals("lantern") ? "the product's name"
						: "the username") + ": choose another");
			}
		}
		return Optional.empty();
	}

	private void read(InputStream list) throws IOException {
		BufferedReader lines = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8));
		for (String line = lines.readLine(); line != null; line = lines.readLine()) {
			String entry = line.strip();
			if (!entry.isEmpty() && !entry.startsWith("#")) {
				common.add(entry.toLowerCase(Locale.ROOT));
			}
		}
	}
}
