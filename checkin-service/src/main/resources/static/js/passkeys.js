// Spring Security's passkey ceremonies (its script, served at /login/webauthn.js) on the console's own pages: the
// second step of a sign-in, and the list of one's passkeys. The CSRF header comes from the button's data attributes.
(function () {
	function csrf(element) {
		const headers = {};
		headers[element.dataset.csrfHeader] = element.dataset.csrf;
		return headers;
	}
	const signIn = document.getElementById('passkey-signin');
	if (signIn) {
		window.setupLogin(csrf(signIn), '', signIn);
	}
	const add = document.getElementById('passkey-add');
	if (add) {
		window.setupRegistration(csrf(add), '', {
			getSuccess: () => document.getElementById('passkey-success'),
			getError: () => document.getElementById('passkey-error'),
			getRegisterButton: () => add,
			getLabelInput: () => document.getElementById('passkey-label'),
			getDeleteForms: () => Array.from(document.querySelectorAll('form.passkey-delete')),
		});
	}
})();
