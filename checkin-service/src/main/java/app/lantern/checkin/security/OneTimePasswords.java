package app.lantern.checkin.security;

import java.security.SecureRandom;

/** One-time passwords an ADMIN reads out or hands over: 16 characters, none that look alike (no 0/O, 1/l/I). */
final class OneTimePasswords {

	private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private OneTimePasswords() {
	}

	static String next() {
		StringBuilder password = new StringBuilder(16);
		for (int i = 0; i < 16; i++) {
			password.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
		}
		return password.toString();
	}
}
