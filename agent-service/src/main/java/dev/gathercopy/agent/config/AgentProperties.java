package dev.gathercopy.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Settings under {@code agent.*}, checked at start-up. */
@ConfigurationProperties("agent")
@Validated
public record AgentProperties(@NotNull @DefaultValue("./data/agent") Path workspace, @Valid @DefaultValue Storage storage,
		@Valid @DefaultValue Push push, @Valid @DefaultValue Auth auth) {

	/** Where the storage service is and how to talk to it. */
	public record Storage(@NotNull @DefaultValue("http://127.0.0.1:8080") URI url, String token,
			@NotNull @DefaultValue("5s") Duration connectTimeout, @NotNull @DefaultValue("10m") Duration readTimeout) {

		@AssertTrue(message = "must be an http or https URL") boolean isUrlHttp() {
			return this.url == null
					|| ("http".equals(this.url.getScheme()) || "https".equals(this.url.getScheme())) && this.url.getHost() != null;
		}

		@AssertTrue(message = "must be positive") boolean isTimeoutsPositive() {
			return (this.connectTimeout == null || this.connectTimeout.toMillis() > 0)
					&& (this.readTimeout == null || this.readTimeout.toMillis() > 0);
		}

		@Override
		public String toString() {
			return "Storage[url=" + this.url + ", token=" + ((this.token != null) ? "(set)" : "(none)") + "]";
		}

	}

	/** How pushes behave. */
	public record Push(@DefaultValue("true") boolean verify) {
	}

	/** Bearer tokens for the agent's own API; none means it listens on loopback only. */
	public record Auth(@Valid @DefaultValue List<Token> tokens) {

		public boolean enabled() {
			return !this.tokens.isEmpty();
		}

	}

	/** One bearer token, the name it is known by, and the path prefix its working copies may have. */
	public record Token(@NotBlank String name, @NotBlank @Pattern(regexp = "\\S{16,}",
			message = "must be at least 16 characters without spaces") String token, @DefaultValue("") String prefix) {

		@Override
		public String toString() {
			return "Token[name=" + this.name + ", prefix=" + this.prefix + "]";
		}

	}

}
