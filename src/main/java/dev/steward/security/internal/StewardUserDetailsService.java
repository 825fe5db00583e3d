package dev.steward.security.internal;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
class StewardUserDetailsService implements UserDetailsService {

	private final UserStore users;

	StewardUserDetailsService(UserStore users) {
		this.users = users;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return users.findByUsername(username)
			.map(UserStore.UserRow::toPrincipal)
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}
}
