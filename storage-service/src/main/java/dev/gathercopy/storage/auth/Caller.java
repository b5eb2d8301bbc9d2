package dev.gathercopy.storage.auth;

import java.util.Optional;

import dev.gathercopy.storage.file.StoragePath;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;

/** Who makes a request: the name of the token it carries and the path prefix that token may touch. */
public record Caller(String name, String prefix) {

	/** The caller when no tokens are configured: may touch everything. */
	public static final Caller ANONYMOUS = new Caller("anonymous", "");

	public boolean mayAccess(StoragePath path) {
		return path.value().startsWith(this.prefix);
	}

	/** Throws 403 unless the path lies within the caller's prefix. */
	public void checkAccess(StoragePath path) {
		if (!mayAccess(path)) {
			throw new StorageException(ProblemKind.FORBIDDEN, "this token may only touch paths starting with '"
					+ this.prefix + "'").with("path", path.value());
		}
	}

	/** The listing prefix narrowed to what the caller may see, or empty when the two cannot overlap. */
	public Optional<String> narrow(String listingPrefix) {
		if (listingPrefix.startsWith(this.prefix)) {
			return Optional.of(listingPrefix);
		}
		if (this.prefix.startsWith(listingPrefix)) {
			return Optional.of(this.prefix);
		}
		return Optional.empty();
	}

}
