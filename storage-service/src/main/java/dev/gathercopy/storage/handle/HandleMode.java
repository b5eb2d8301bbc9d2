package dev.gathercopy.storage.handle;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a handle may do: read a pinned version, or stage a new file. */
public enum HandleMode {

	@JsonProperty("read")
	READ,

	@JsonProperty("write")
	WRITE

}
