package app.lantern.checkin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which staff passwords are refused, and why. */
class PasswordPolicyTest {

	private final PasswordPolicy policy = new PasswordPolicy("");

	@ParameterizedTest(name = "{1}: {2}")
	@CsvSource(textBlock = """
			# username, password,                      refused because (empty: accepted)
			sam,        short,                         at least 12
			sam,        123456789012,                  most common
			sam,        PasswordPassword,              most common
			sam,        aaaaaaaaaaaaaa,                repeats
			sam,        abababababab,                  repeats
			samantha.k, samantha.k12,                  the username
			sam,        lantern-2026,                  product's name
			sam,        velvet-harbor-cactus,          ''
			sam,        correct horse battery,         ''
			samantha.k, samantha.k loves long walks,   ''
			""")
	void policy(String username, String password, String reason) {
		assertThat(policy.problem(username, password).orElse("")).contains(reason);
		assertThat(policy.problem(username, password).isPresent()).isEqualTo(!reason.isEmpty());
	}

	@Test
	void aProgrammeExtendsTheListWithItsOwn(@TempDir Path dir) throws Exception {
		Path list = Files.writeString(dir.resolve("breached.txt"), "# ours\nvelvet-harbor-cactus\n");

		assertThat(new PasswordPolicy(list.toString()).problem("sam", "Velvet-Harbor-Cactus")).isPresent();
	}
}
