package app.lantern.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The deadline scan's peer: a bare RocksDB — the library and the table settings Kafka Streams keeps alert-service's
 * state in, without Kafka Streams — doing for each due client the reads and writes the scan does, with values the
 * sizes of those in alert-service's own stores after the burst: the next timer read in time order and replaced by
 * the next day's, the watch read and written, the open alert looked up and written, the adherence read and written.
 * No changelog, no transaction, no cache: what the scan's storage alone costs on this machine. Prints
 * {@code RESULT rocksdb_due_us}, microseconds per due client.
 */
final class RocksDbPeer {

	private static final List<String> STORES = List.of("watches", "timers", "open-alerts", "adherence");

	static {
		RocksDB.loadLibrary();
	}

	private RocksDbPeer() {
	}

	/** {@code state}: alert-service's state directory after the burst, read for the sizes; {@code work}: scratch. */
	static void measure(Path state, Path work, int clients, int due) throws IOException, RocksDBException {
		Map<String, int[]> sizes = sizes(state);
		System.out.println("sizes in alert-service's stores (key/value bytes): " + describe(sizes));
		int[] watch = sizes.get("watches");
		int[] timer = sizes.get("timers");
		int[] alert = sizes.get("open-alerts");
		int[] adherence = sizes.get("adherence");
		byte[] watchValue = value(watch[1]);
		byte[] timerValue = value(timer[1]);
		byte[] alertValue = value(alert[1]);
		byte[] adherenceValue = value(adherence[1]);
		Files.createDirectories(work);
		try (LRUCache cache = new LRUCache(50L * 1024 * 1024);
				Options options = options(cache);
				RocksDB db = RocksDB.open(options, work.toString());
				WriteOptions write = new WriteOptions().setDisableWAL(true);
				FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
			// the state before the deadline: every client's watch and next timer, the due ones first in time order
			for (int i = 0; i < clients; i++) {
				db.put(write, key('w', i, watch[0]), watchValue);
				db.put(write, timerKey(i < due ? 1 : 2, i, timer[0]), timerValue);
				if (i < due) {
					db.put(write, key('h', i, adherence[0]), adherenceValue);
				}
			}
			db.flush(flush);
			long started = System.nanoTime();
			int done = 0;
			try (RocksIterator timers = db.newIterator()) {
				for (timers.seek(new byte[] { 't' }); timers.isValid() && done < due; timers.next()) {
					byte[] key = timers.key();
					if (key[0] != 't' || ByteBuffer.wrap(key, 1, 8).getLong() != 1) {
						continue;
					}
					int client = ByteBuffer.wrap(key, 9, 4).getInt();
					db.get(key('w', client, watch[0]));
					db.put(write, key('w', client, watch[0]), watchValue);
					db.delete(write, key);
					db.put(write, timerKey(3, client, timer[0]), timerValue);
					db.get(key('o', client, alert[0]));
					db.put(write, key('o', client, alert[0]), alertValue);
					db.get(key('h', client, adherence[0]));
					db.put(write, key('h', client, adherence[0]), adherenceValue);
					done++;
				}
			}
			double micros = (System.nanoTime() - started) / 1e3 / done;
			System.out.printf("bare RocksDB, %,d due of %,d: %.1f µs per due client%n", done, clients, micros);
			System.out.printf("RESULT rocksdb_due_us %.1f%n", micros);
		}
	}

	/** Kafka Streams' own settings for a store (RocksDBStore): 16 MiB write buffers, 4 KiB blocks, bloom filters. */
	private static Options options(LRUCache cache) {
		BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(cache)
			.setBlockSize(4096L)
			.setFilterPolicy(new BloomFilter());
		return new Options().setCreateIfMissing(true)
			.setTableFormatConfig(table)
			.setWriteBufferSize(16L * 1024 * 1024)
			.setMaxWriteBufferNumber(3)
			.setCompactionStyle(CompactionStyle.UNIVERSAL);
	}

	/** The mean key and value size of each store, over up to 10,000 entries of each of its task directories. */
	private static Map<String, int[]> sizes(Path state) throws IOException, RocksDBException {
		Map<String, long[]> sums = new LinkedHashMap<>();
		STORES.forEach(store -> sums.put(store, new long[3]));
		List<Path> directories;
		try (Stream<Path> paths = Files.walk(state)) {
			directories = paths.filter(path -> path.getParent() != null && path.getParent().endsWith("rocksdb")
					&& STORES.contains(path.getFileName().toString())).toList();
		}
		for (Path directory : directories) {
			long[] sum = sums.get(directory.getFileName().toString());
			try (Options options = new Options();
					RocksDB store = RocksDB.openReadOnly(options, directory.toString());
					RocksIterator entries = store.newIterator()) {
				int n = 0;
				for (entries.seekToFirst(); entries.isValid() && n < 10_000; entries.next(), n++) {
					sum[0] += entries.key().length;
					sum[1] += entries.value().length;
					sum[2]++;
				}
			}
		}
		Map<String, int[]> sizes = new LinkedHashMap<>();
		// a store found empty (the state kept elsewhere) falls back to what a run on this machine found
		Map<String, int[]> seen = Map.of("watches", new int[] { 16, 120 }, "timers", new int[] { 24, 1 },
				"open-alerts", new int[] { 24, 330 }, "adherence", new int[] { 16, 200 });
		sums.forEach((store, sum) -> sizes.put(store,
				sum[2] == 0 ? seen.get(store) : new int[] { (int) (sum[0] / sum[2]), (int) (sum[1] / sum[2]) }));
		return sizes;
	}

	private static String describe(Map<String, int[]> sizes) {
		StringBuilder text = new StringBuilder();
		sizes.forEach((store, size) -> text.append(text.isEmpty() ? "" : ", ").append(store).append(' ')
			.append(size[0]).append('/').append(size[1]));
		return text.toString();
	}

	private static byte[] key(char store, int client, int length) {
		ByteBuffer key = ByteBuffer.allocate(Math.max(length, 5));
		key.put((byte) store).putInt(client);
		return key.array();
	}

	private static byte[] timerKey(long due, int client, int length) {
		ByteBuffer key = ByteBuffer.allocate(Math.max(length, 13));
		key.put((byte) 't').putLong(due).putInt(client);
		return key.array();
	}

	private static byte[] value(int length) {
		byte[] value = new byte[Math.max(length, 1)];
		ThreadLocalRandom.current().nextBytes(value);
		return value;
	}
}
