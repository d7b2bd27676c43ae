package app.lantern.events;

public enum ContactRole {

	SPONSOR, FAMILY, FRIEND, COUNSELOR, PEER, OTHER
}
