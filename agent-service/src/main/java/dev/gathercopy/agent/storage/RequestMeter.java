package dev.gathercopy.agent.storage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the bytes sent to storage by the requests made on this thread while a measurement is open, as they go on the
 * connection (see {@link CountingHttpClient}).
 */
public final class RequestMeter {

	private static final ThreadLocal<AtomicLong> CURRENT = new ThreadLocal<>();

	private RequestMeter() {
	}

	/** Starts counting on this thread until the returned measurement is closed. */
	public static Measurement start() {
		AtomicLong bytes = new AtomicLong();
		AtomicLong outer = CURRENT.get();
		CURRENT.set(bytes);
		return new Measurement(bytes, outer);
	}

	/** The counter of this thread's open measurement, captured when a request is made (its body may stream elsewhere). */
	static AtomicLong current() {
		AtomicLong current = CURRENT.get();
		return (current != null) ? current : new AtomicLong();
	}

	/** An open measurement. */
	public static final class Measurement implements AutoCloseable {

		private final AtomicLong bytes;

		private final AtomicLong outer;

		private Measurement(AtomicLong bytes, AtomicLong outer) {
			this.bytes = bytes;
			this.outer = outer;
		}

		public long bytes() {
			return this.bytes.get();
		}

		@Override
		public void close() {
			if (this.outer != null) {
				this.outer.addAndGet(this.bytes.get());
			}
			CURRENT.set(this.outer);
		}

	}

}
