package dev.gathercopy.web.auth;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.bind.DefaultValue;

/** A service's bearer tokens ({@code <service>.auth.*}); none means it listens on loopback only. */
public record AuthProperties(@Valid @DefaultValue List<Token> tokens) {

	private static final Pattern WELL_FORMED = Pattern.compile("\\S{16,}");

	public boolean enabled() {
		return !this.tokens.isEmpty();
	}

	/**
	 * One bearer token, the name it is known by, and the path prefix it may touch (empty for all). The token's form is
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
