package dev.gathercopy.storage.write;

/** Answers of the two write endpoints. */
final class WriteResults {

	private WriteResults() {
	}

	/** What a scatter-write did, and the staged file's size afterwards. */
	record ScatterWriteResult(int regionsWritten, long bytesWritten, long size) {
	}

	/** What a data write did, and the staged file's size afterwards. */
	record DataWriteResult(long bytesWritten, long size) {
	}

}
