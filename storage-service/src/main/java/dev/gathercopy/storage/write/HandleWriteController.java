package dev.gathercopy.storage.write;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import dev.gathercopy.storage.auth.Caller;
import dev.gathercopy.storage.limits.RequestLimits;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;
import dev.gathercopy.storage.write.WriteResults.DataWriteResult;
import dev.gathercopy.storage.write.WriteResults.ScatterWriteResult;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class HandleWriteController {

	private static final TypeReference<List<Extent>> LAYOUT = new TypeReference<>() {
	};

	/** JSON bytes one layout entry may take, generously, to bound the layout part. */
	private static final int BYTES_PER_EXTENT = 128;

	private final HandleWrites writes;

	private final JsonMapper json;

	private final int maxLayoutBytes;

	HandleWriteController(HandleWrites writes, JsonMapper json, RequestLimits limits) {
		this.writes = writes;
		this.json = json;
		this.maxLayoutBytes = (int) Math.min(Integer.MAX_VALUE - 8,
				4096L + (long) limits.limits().maxRegionsPerRequest() * BYTES_PER_EXTENT);
	}

	@PutMapping(path = "/handles/{handle}/data", consumes = MediaType.ALL_VALUE)
	DataWriteResult writeData(@PathVariable String handle, @RequestParam long offset, Caller caller,
			HttpServletRequest request) throws IOException {
		return this.writes.writeAt(caller, handle, offset, request.getInputStream(), request.getContentLengthLong());
	}

	@PostMapping(path = "/handles/{handle}/scatter-write", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ScatterWriteResult scatterWrite(@PathVariable String handle, Caller caller, HttpServletRequest request)
			throws IOException {
		JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
		try {
			FileItemInputIterator parts = upload.getItemIterator(request);
			List<Extent> layout = readLayout(nextPart(parts, "layout"));
			return this.writes.scatter(caller, handle, layout, nextPart(parts, "data").getInputStream());
		}
		catch (FileUploadException ex) {
			throw new StorageException(ProblemKind.INVALID_REQUEST, "malformed multipart body: " + ex.getMessage());
		}
	}

	private List<Extent> readLayout(FileItemInput part) throws IOException {
		try (InputStream in = part.getInputStream()) {
			byte[] bytes = in.readNBytes(this.maxLayoutBytes + 1);
			if (bytes.length > this.maxLayoutBytes) {
				throw new StorageException(ProblemKind.REQUEST_TOO_LARGE, "the layout part is longer than "
						+ this.maxLayoutBytes + " bytes");
			}
			List<Extent> layout = this.json.readValue(bytes, LAYOUT);
			if (layout == null) {
				throw new StorageException(ProblemKind.INVALID_REQUEST, "the layout part must be a JSON array")
					.with("field", "layout");
			}
			return layout;
		}
		catch (JacksonException ex) {
			throw new StorageException(ProblemKind.INVALID_REQUEST, "the layout part is not a JSON array of "
					+ "{destinationOffset, length}: " + ex.getOriginalMessage()).with("field", "layout");
		}
	}

	private static FileItemInput nextPart(FileItemInputIterator parts, String name) throws IOException {
		if (!parts.hasNext()) {
			throw new StorageException(ProblemKind.INVALID_REQUEST, "missing part '" + name + "'").with("field",
					name);
		}
		FileItemInput part = parts.next();
		if (!name.equals(part.getFieldName())) {
			throw new StorageException(ProblemKind.INVALID_REQUEST, "expected part '" + name + "' but got '"
					+ part.getFieldName() + "' (the layout part comes first, then the data part)")
				.with("field", name);
		}
		return part;
	}

}
