package dev.gathercopy.storage.file;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;

/**
 * The {@code If-Match} / {@code If-None-Match} condition of a replace, delete or open, checked against the current file.
 * Each list holds quoted versions; {@code *} stands for any existing file.
 */
public record Precondition(List<String> ifMatch, List<String> ifNoneMatch) {

	public static final Precondition NONE = new Precondition(List.of(), List.of());

	/** Parses the header values as sent (either may be null). */
	public static Precondition of(String ifMatch, String ifNoneMatch) {
		return new Precondition(parse(ifMatch, "If-Match"), parse(ifNoneMatch, "If-None-Match"));
	}

	public static Precondition ifMatch(String version) {
		return new Precondition(List.of(version), List.of());
	}

	public boolean isNone() {
		return this.ifMatch.isEmpty() && this.ifNoneMatch.isEmpty();
	}

	/** Throws 412 with the current version unless the condition holds for the file as it is. */
	public void check(Optional<FileInfo> current) {
		String version = current.map(FileInfo::version).orElse(null);
		boolean matchOk = this.ifMatch.isEmpty() || (version != null && matches(this.ifMatch, version));
		boolean noneMatchOk = this.ifNoneMatch.isEmpty() || version == null || !matches(this.ifNoneMatch, version);
		if (!matchOk || !noneMatchOk) {
			String detail = (version == null) ? "the file does not exist" : "the file's current version is " + version;
			throw new StorageException(ProblemKind.PRECONDITION_FAILED, detail).with("currentVersion", version);
		}
	}

	private static boolean matches(List<String> tags, String version) {
		return tags.contains("*") || tags.contains(version);
	}

	private static List<String> parse(String header, String name) {
		if (header == null || header.isBlank()) {
			return List.of();
		}
		return Arrays.stream(header.split(",")).map(String::trim).filter((tag) -> !tag.isEmpty()).map((tag) -> {
			if (tag.equals("*")) {
				return tag;
			}
			if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
				return tag.substring(1, tag.length() - 1);
			}
			throw new StorageException(ProblemKind.INVALID_REQUEST,
					name + " must hold quoted versions (\"<version>\") or *");
		}).toList();
	}

}
