package dev.gathercopy.storage.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Settings under {@code storage.*}, checked at start-up. */
@ConfigurationProperties("storage")
@Validated
public record StorageProperties(@NotNull @DefaultValue("./data/storage") Path root, @Valid @DefaultValue Limits limits,
		@Valid @DefaultValue Handles handles, @Valid @DefaultValue Auth auth) {

	private static final Pattern WELL_FORMED = Pattern.compile("\\S{16,}");

	/** Bounds on what one request or one file may hold. */
	public record Limits(@Positive @Max(10_000_000) @DefaultValue("65536") int maxRegionsPerRequest,
			@NotNull @DefaultValue("64GB") DataSize maxBytesPerRequest, @NotNull @DefaultValue("1TB") DataSize maxFileSize,
			@Positive @DefaultValue("10000") int maxOpenHandles) {

		@AssertTrue(message = "must be positive") boolean isMaxBytesPerRequestPositive() {
			return this.maxBytesPerRequest == null || this.maxBytesPerRequest.toBytes() > 0;
		}

		@AssertTrue(message = "must be positive") boolean isMaxFileSizePositive() {
			return this.maxFileSize == null || this.maxFileSize.toBytes() > 0;
		}

	}

	/** Lifetime of idle handles. */
	public record Handles(@NotNull @DefaultValue("15m") Duration ttl,
			@NotNull @DefaultValue("1m") Duration sweepInterval) {

		@AssertTrue(message = "must be at least one second") boolean isTtlPositive() {
			return this.ttl == null || this.ttl.toMillis() >= 1000;
		}

		@AssertTrue(message = "must be positive") boolean isSweepIntervalPositive() {
			return this.sweepInterval == null || this.sweepInterval.toMillis() > 0;
		}

	}

	/** Bearer tokens; none means the service listens on loopback only. */
	public record Auth(@Valid @DefaultValue List<Token> tokens) {

		public boolean enabled() {
			return !this.tokens.isEmpty();
		}

	}

	/**
	 * One bearer token, the name it is logged as, and the path prefix it may touch (empty for all). The token's form is
	 * checked by a method, so that a start-up failure names the property but never shows the secret.
	 */
	public record Token(@NotBlank String name, @NotBlank String token, @DefaultValue("") String prefix) {

		@AssertTrue(message = "token must be at least 16 characters without spaces") boolean isTokenWellFormed() {
			return this.token == null || WELL_FORMED.matcher(this.token).matches();
		}

		@Override
		public String toString() {
			return "Token[name=" + this.name + ", prefix=" + this.prefix + "]";
		}

	}

}
