package app.lantern.checkin;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import app.lantern.checkin.registry.PhoneNumbers;

/** Valid, distinct US numbers for tests: the shared database outlives each test, and a phone enrols once. */
public final class TestPhones {

	private static final Set<String> GIVEN = ConcurrentHashMap.newKeySet();

	private TestPhones() {
	}

	public static String next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (true) {
			String candidate = String.format("+1%03d%03d%04d", random.nextInt(201, 990), random.nextInt(201, 990),
					random.nextInt(0, 10000));
			try {
				String number = PhoneNumbers.e164(candidate);
				if (GIVEN.add(number)) {
					return number;
				}
			}
			catch (IllegalArgumentException notValid) {
				// draw again
			}
		}
	}
}
