package app.lantern.checkin.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The check-in page's proof: any instance sharing the secret accepts it, for its own link, long after. */
class FormTokensTest {

	private static final Instant DRAWN = Instant.parse("2026-11-29T08:00:00Z");

	private final FormTokens tokens = new FormTokens(new byte[32]);

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			posted a minute later,                link-a, PT1M,    VALID
			posted six hours later,               link-a, PT6H,    VALID
			posted 29 days later,                 link-a, P29D,    VALID
			posted 31 days later,                 link-a, P31D,    STALE
			another client's link,                link-b, PT1M,    INVALID
			""")
	void aProofHoldsForItsOwnLinkAndGoesStaleAfterAMonth(String what, String postedTo, Duration after,
			FormTokens.Check expected) {
		String proof = tokens.issue("link-a", DRAWN);

		assertThat(tokens.check(proof, postedTo, DRAWN.plus(after))).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(nullValues = "none", textBlock = """
			no proof,                 none
			not base64,               '!!!'
			too short,                AAAA
			the right shape but made up, AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
			""")
	void aMissingOrMadeUpProofIsInvalid(String what, String proof) {
		assertThat(tokens.check(proof, "link-a", DRAWN)).isEqualTo(FormTokens.Check.INVALID);
	}

	@org.junit.jupiter.api.Test
	void anotherSecretDoesNotAcceptTheProof() {
		byte[] other = new byte[32];
		other[0] = 1;

		assertThat(new FormTokens(other).check(tokens.issue("link-a", DRAWN), "link-a", DRAWN))
			.isEqualTo(FormTokens.Check.INVALID);
	}
}
