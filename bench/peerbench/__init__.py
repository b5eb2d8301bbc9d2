"""Gathercopy against its peers: see bench/run-peers.sh."""
