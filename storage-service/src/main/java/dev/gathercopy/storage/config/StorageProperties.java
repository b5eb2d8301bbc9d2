package dev.gathercopy.storage.config;

import java.nio.file.Path;
import java.time.Duration;

import dev.gathercopy.web.auth.AuthProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
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
		@Valid @DefaultValue Handles handles, @Valid @DefaultValue AuthProperties auth) {

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

}
