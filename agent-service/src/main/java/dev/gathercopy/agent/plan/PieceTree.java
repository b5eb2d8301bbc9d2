package dev.gathercopy.agent.plan;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * The pieces of an edited file in file order, kept as a treap whose nodes know the bytes and pieces beneath them, so
 * that finding, splitting and joining at a byte position costs O(log n) and walking all pieces costs O(n). A piece that
 * continues its left neighbour in the same source is merged into it.
 */
final class PieceTree {

	/** Visits pieces in file order. */
	@FunctionalInterface
	interface PieceVisitor {

		/** Returns whether to go on to the next piece. */
		boolean visit(long position, boolean added, long start, long length) throws IOException;

	}

	private static final class Node {

		final boolean added;

		long start;

		long length;

		long bytes;

		int pieces;

		final int priority;

		Node left;

		Node right;

		Node(boolean added, long start, long length, int priority) {
			this.added = added;
			this.start = start;
			this.length = length;
			this.bytes = length;
			this.pieces = 1;
			this.priority = priority;
		}

		void update() {
			this.bytes = this.length + bytes(this.left) + bytes(this.right);
			this.pieces = 1 + pieces(this.left) + pieces(this.right);
		}

	}

	private final SplittableRandom priorities = new SplittableRandom(0x9e3779b97f4a7c15L);

	private Node root;

	long size() {
		return bytes(this.root);
	}

	int pieceCount() {
		return pieces(this.root);
	}

	/** Puts a piece at {@code position}, which must lie within {@code [0, size()]}. */
	void insert(long position, boolean added, long start, long length) {
		Node[] parts = split(this.root, position);
		this.root = join(join(parts[0], node(added, start, length)), parts[1]);
	}

	/** Removes {@code length} bytes at {@code position}; the range must lie within the file. */
	void delete(long position, long length) {
		Node[] head = split(this.root, position);
		Node[] tail = split(head[1], length);
		this.root = join(head[0], tail[1]);
	}

	/** Overwrites from {@code position} with a piece, growing the file when the piece runs past its end. */
	void replace(long position, boolean added, long start, long length) {
		Node[] head = split(this.root, position);
		Node[] tail = split(head[1], Math.min(length, bytes(head[1])));
		this.root = join(join(head[0], node(added, start, length)), tail[1]);
	}

	/** Appends a piece at the end. */
	void append(boolean added, long start, long length) {
		this.root = join(this.root, node(added, start, length));
	}

	/** Visits the pieces that overlap {@code [from, size())}, in order, until the visitor says stop. */
	void visitFrom(long from, PieceVisitor visitor) throws IOException {
		ArrayDeque<Node> path = new ArrayDeque<>();
		ArrayDeque<Long> offsets = new ArrayDeque<>();
		Node node = this.root;
		long base = 0;
		while (node != null) {
			long start = base + bytes(node.left);
			if (from < start) {
				path.push(node);
				offsets.push(start);
				node = node.left;
			}
			else if (from >= start + node.length) {
				base = start + node.length;
				node = node.right;
			}
			else {
				path.push(node);
				offsets.push(start);
				break;
			}
		}
		while (!path.isEmpty()) {
			Node current = path.pop();
			long position = offsets.pop();
			if (!visitor.visit(position, current.added, current.start, current.length)) {
				return;
			}
			Node next = current.right;
			long nextBase = position + current.length;
			while (next != null) {
				long start = nextBase + bytes(next.left);
				path.push(next);
				offsets.push(start);
				next = next.left;
			}
		}
	}

	private Node node(boolean added, long start, long length) {
		return (length == 0) ? null : new Node(added, start, length, this.priorities.nextInt());
	}

	/** Cuts a tree into the first {@code position} bytes and the rest, splitting the piece the cut falls in. */
	private Node[] split(Node tree, long position) {
		if (tree == null) {
			return new Node[2];
		}
		long leftBytes = bytes(tree.left);
		if (position <= leftBytes) {
			Node[] parts = split(tree.left, position);
			tree.left = parts[1];
			tree.update();
			parts[1] = tree;
			return parts;
		}
		if (position >= leftBytes + tree.length) {
			Node[] parts = split(tree.right, position - leftBytes - tree.length);
			tree.right = parts[0];
			tree.update();
			parts[0] = tree;
			return parts;
		}
		long cut = position - leftBytes;
		Node tail = new Node(tree.added, tree.start + cut, tree.length - cut, this.priorities.nextInt());
		Node after = tree.right;
		tree.length = cut;
		tree.right = null;
		tree.update();
		return new Node[] { tree, merge(tail, after) };
	}

	/** Concatenates two trees, merging the last piece of the first with the first of the second when they continue. */
	private Node join(Node first, Node second) {
		if (first == null || second == null) {
			return (first == null) ? second : first;
		}
		Node last = first;
		while (last.right != null) {
			last = last.right;
		}
		Node head = second;
		while (head.left != null) {
			head = head.left;
		}
		if (last.added != head.added || last.start + last.length != head.start) {
			return merge(first, second);
		}
		long extra = head.length;
		Node rest = split(second, extra)[1];
		for (Node node = first; node != null; node = node.right) {
			node.bytes += extra;
		}
		last.length += extra;
		return merge(first, rest);
	}

	private static Node merge(Node first, Node second) {
		if (first == null || second == null) {
			return (first == null) ? second : first;
		}
		if (first.priority >= second.priority) {
			first.right = merge(first.right, second);
			first.update();
			return first;
		}
		second.left = merge(first, second.left);
		second.update();
		return second;
	}

	private static long bytes(Node node) {
		return (node == null) ? 0 : node.bytes;
	}

	private static int pieces(Node node) {
		return (node == null) ? 0 : node.pieces;
	}

}
