package app.lantern.checkin.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks the audit trail's chain (see the V22 migration): every row, in id order, must carry the SHA-256 of the row
 * before it and the SHA-256 of that hash and its own columns. The first row that does not is where the trail was
 * edited, or a row removed.
 */
@Component
class AuditChain {

	private final JdbcClient jdbc;

	AuditChain(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** {@code firstBrokenId}: null when every row holds. */
	record Verdict(long rows, boolean intact, Long firstBrokenId) {
	}

	@Transactional(readOnly = true)
	Verdict verify() {
		long[] rows = { 0 };
		Long[] broken = { null };
		byte[][] previous = { null };
		// streamed, row by row, in the order the chain was made; the row's bytes as the database hashed them
		jdbc.sql("select id, prev_hash, hash, audit_event_bytes(e) as bytes from audit_event e order by id")
			.query((RowCallbackHandler) rs -> {
				if (broken[0] != null) {
					return;
				}
				rows[0]++;
				byte[] prev = rs.getBytes("prev_hash");
				byte[] expected = sha256(previous[0], rs.getBytes("bytes"));
				if (!MessageDigest.isEqual(prev, previous[0]) || !MessageDigest.isEqual(expected, rs.getBytes("hash"))) {
					broken[0] = rs.getLong("id");
				}
				previous[0] = rs.getBytes("hash");
			});
		return new Verdict(rows[0], broken[0] == null, broken[0]);
	}

	private static byte[] sha256(byte[] previous, byte[] row) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			if (previous != null) {
				digest.update(previous);
			}
			return digest.digest(row);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
