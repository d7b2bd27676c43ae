package app.lantern.local;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;

/**
 * The local stack's VAPID key pair, so its pages can offer reminders as notifications: {@code
 * LANTERN_PUSH_VAPID_PUBLIC_KEY} and {@code LANTERN_PUSH_VAPID_PRIVATE_KEY} when set, else the pair made at the first
 * start (P-256, as browsers take it: base64url, the public key an uncompressed point) and kept in the data folder,
 * readable by its owner only — browsers' subscriptions are bound to the key, so it must outlive a restart.
 */
record LocalVapidKeys(String publicKey, String privateKey) {

	static LocalVapidKeys of(Path data) throws Exception {
		String configuredPublic = System.getenv("LANTERN_PUSH_VAPID_PUBLIC_KEY");
		String configuredPrivate = System.getenv("LANTERN_PUSH_VAPID_PRIVATE_KEY");
		if (configuredPublic != null && !configuredPublic.isBlank() && configuredPrivate != null) {
			return new LocalVapidKeys(configuredPublic.strip(), configuredPrivate.strip());
		}
		Path file = data.resolve("vapid-keys");
		if (Files.exists(file)) {
			List<String> kept = Files.readAllLines(file);
			return new LocalVapidKeys(kept.get(0).strip(), kept.get(1).strip());
		}
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair pair = generator.generateKeyPair();
		ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
		byte[] point = new byte[65];
		point[0] = 4;
		System.arraycopy(unsigned(publicKey.getW().getAffineX()), 0, point, 1, 32);
		System.arraycopy(unsigned(publicKey.getW().getAffineY()), 0, point, 33, 32);
		Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
		LocalVapidKeys made = new LocalVapidKeys(base64url.encodeToString(point),
				base64url.encodeToString(unsigned(((ECPrivateKey) pair.getPrivate()).getS())));
		Files.write(file, List.of(made.publicKey(), made.privateKey()));
		file.toFile().setReadable(false, false);
		file.toFile().setReadable(true, true);
		LocalStack.say("generated the VAPID key pair for notifications (kept in " + file + ")");
		return made;
	}

	/** A coordinate as exactly 32 bytes, big-endian, without BigInteger's sign byte. */
	private static byte[] unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		byte[] fixed = new byte[32];
		int length = Math.min(bytes.length, 32);
		System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
		return fixed;
	}
}
