package dev.gathercopy.agent.config;

import java.util.List;

import dev.gathercopy.agent.problem.ProblemKind;
import dev.gathercopy.web.openapi.ApiDocs;
import dev.gathercopy.web.openapi.SchemaDocs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.gathercopy.web.openapi.ApiDocs.tag;

/**
 * The agent API's OpenAPI description. Controllers declare each error response with its status and a description
 * built from the problem types below; {@link #problemResponses()} gives every error response its
 * {@code application/problem+json} content, declares the {@code Problem} schema they refer to, and adds the 401 that
 * the bearer-token filter may answer anywhere.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

	public static final String BEARER = ApiDocs.BEARER;

	public static final String WORKING_COPY_ID = "The working copy's id: `id` in the answer of the checkout";

	private static final String TYPE = ProblemKind.TYPE_BASE;

	public static final String INVALID_PATH = "- `" + TYPE + "invalid-path`: the path is empty, absolute, ends with "
			+ "`/`, or has a backslash, a NUL, or an empty, `.` or `..` segment\n";

	public static final String INVALID_JSON = "- `" + TYPE + "invalid-request`: the body is not the expected JSON\n";

	public static final String EDIT_OUT_OF_RANGE = "- `" + TYPE + "edit-out-of-range`: an edit starts past the end of "
			+ "the file as the edits before it leave it, or deletes past that end (`editIndex`, `size`), or copies "
			+ "past the end of the base (also `field`: `sourceOffset`, and `baseSize`)\n";

	public static final String FORBIDDEN = "- `" + TYPE + "forbidden`: the path lies outside the token's prefix\n";

	public static final String WORKING_COPY_NOT_FOUND = "- `" + TYPE + "working-copy-not-found`: no working copy "
			+ "with this id for this token\n";

	public static final String REMOTE_FILE_NOT_FOUND = "- `" + TYPE + "remote-file-not-found`: the storage has no "
			+ "file at the path\n";

	public static final String UNPUSHED_CHANGES = "- `" + TYPE + "unpushed-changes`: the working copy has changes "
			+ "not pushed yet; push them, or pass `discard=true` to drop them\n";

	public static final String CONFLICT = "- `" + TYPE + "conflict`: the remote file changed since the checkout or the "
			+ "last push; `remoteVersion` is its version now (null when it was created or removed meanwhile). "
			+ "Nothing landed: refresh (keeping your changes elsewhere), then push again\n";

	public static final String WORKING_FILE_UNUSABLE = "- `" + TYPE + "working-file-unusable`: the working file was "
			+ "replaced by something other than a regular file (a link, a FIFO, a device); nothing was read or "
			+ "changed: put a regular file back\n";

	public static final String RANGE_NOT_SATISFIABLE = "- `" + TYPE + "range-not-satisfiable`: the range starts at "
			+ "or past the end of the working file; `Content-Range: bytes */<size>` tells the size\n";

	public static final String WORKSPACE_FULL = "- `" + TYPE + "workspace-full`: the agent's workspace volume is "
			+ "full\n";

	public static final String STORAGE_ERROR = "- `" + TYPE + "storage-error`: the storage refused a call; "
			+ "`storageStatus` and `storageType` tell its answer\n";

	public static final String STORAGE_UNAVAILABLE = "- `" + TYPE + "storage-unavailable`: the storage could not be "
			+ "reached\n";

	public static final String STORAGE_TIMEOUT = "- `" + TYPE + "storage-timeout`: the storage did not answer in "
			+ "time\n";

	@Bean
	OpenAPI agentOpenApi() {
		return ApiDocs.openApi(new Info().title("Gathercopy agent API")
				.version("v1")
				.description("Working copies of remote files: edits, plans and pushes that send only what changed.\n\n"
						+ "Check a file out to get a working copy: a local file that the API or any program on this "
						+ "machine may edit. The agent keeps the base it was checked out from and, for edits made "
						+ "through the API, an edit log; a push turns them into a plan of regions the storage copies "
						+ "server-side and literal bytes it sends, and lands the new file atomically if the remote "
						+ "file is still the base.\n\n"
						+ "Every error is an RFC 9457 problem (`application/problem+json`) whose `type` is a stable "
						+ "URI under `" + TYPE + "`; each error response below names the types it can carry. Any "
						+ "operation may also answer 500 with type `" + TYPE + "internal-error`."),
				List.of(tag("working-copies", "Check out, list, read, edit, refresh and delete working copies."),
					tag("plans", "What a push would copy server-side and what it would send."),
					tag("push", "Landing a working copy's changes in the storage.")));
	}

	@Bean
	OpenApiCustomizer problemResponses() {
		return ApiDocs.problemResponses(TYPE, "`field`, `editIndex`, `id`, `path` or `remoteVersion`");
	}

	/** Describes the request and response bodies, whose records carry no OpenAPI annotations of their own. */
	@Bean
	OpenApiCustomizer schemaDescriptions() {
		return (openApi) -> {
			SchemaDocs docs = new SchemaDocs(openApi.getComponents().getSchemas());
			docs.describe("CheckoutRequest", "What to check out.", "path", "The remote file's path", "create",
					"Start an empty working copy when the remote file does not exist; pushing it creates the file");
			docs.require("CheckoutRequest", "path");
			docs.describe("WorkingCopy", "A working copy as it is now.", "id", "Its id, for the other operations",
					"path", "The remote file's path", "baseVersion",
					"The remote version it is based on, null for a file that does not exist remotely yet", "size",
					"The working file's size in bytes", "state",
					"`clean` when it holds nothing the remote file does not, `modified` otherwise", "localFile",
					"Where the working file is on the agent's machine; any program there may edit it");
			docs.nullable("WorkingCopy", "baseVersion");
			docs.oneOf("WorkingCopy", "state", "clean", "modified");
			docs.describe("EditRequest", "Edits of the working file, applied in order, all or none.", "edits",
					"The edits");
			docs.describe("Edit", "One edit: `insert` or `replace` `data` at `offset`, `delete` `length` bytes at "
					+ "`offset`, or `copy` `length` bytes of the base from `sourceOffset` in at `offset`.", "op",
					"`insert`, `replace`, `delete` or `copy`", "offset",
					"Where the edit applies, in the file as the edits before it leave it; at most its size", "length",
					"For `delete` and `copy`: how many bytes", "data", "For `insert` and `replace`: the bytes, base64",
					"sourceOffset", "For `copy`: where the bytes start in the base (the version checked out or last "
							+ "pushed), which the push copies server-side instead of sending");
			docs.require("Edit", "op", "offset");
			docs.oneOf("Edit", "op", "insert", "replace", "delete", "copy");
			docs.describe("PlanView", "How a push would build the new file from the base: regions copied "
					+ "server-side and literal bytes sent, together tiling the file in destination order.", "method",
					"`edit-log` when the edit log describes the working file, `diff` when the contents were compared",
					"size", "The new file's size", "reusedBytes", "Bytes copied from the base", "literalBytes",
					"Bytes sent", "regionCount", "Regions", "literalCount", "Literal ranges", "regions",
					"The regions, by destination offset; left out of a summary", "literals",
					"The literal ranges, by destination offset; left out of a summary");
			docs.oneOf("PlanView", "method", "edit-log", "diff");
			docs.describe("Region", "Bytes the new file reuses from the base.", "sourceOffset",
					"Where they are in the base", "destinationOffset", "Where they go in the new file", "length",
					"How many");
			docs.describe("Literal", "Bytes of the new file that the base does not have.", "destinationOffset",
					"Where they go in the new file", "length", "How many");
			docs.describe("PushResult", "What a push sent and what it landed.", "path", "The remote file's path",
					"version", "The remote version now: the one landed, or the base when there was nothing to send",
					"size", "The remote file's size", "regionCount", "Regions copied server-side", "reusedBytes",
					"Bytes copied server-side", "literalBytes", "Bytes sent as they are", "requestBytes",
					"Bytes of all requests to the storage, as they went on the connection: request lines, headers, bodies and "
							+ "chunk framing (not TLS records)", "durationMillis", "How long the push took");
		};
	}

}
