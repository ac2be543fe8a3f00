type Loa = { level: string };

/** English messages for MitID and staff single sign-on (issue 15); merged into `en` (see en.ts). */
export const enIdentity = {
  'identity.or': 'Or sign in with an e-mail address and password:',
  'identity.signInWith': (p: { label: string }) => `Sign in with ${p.label}`,
  'identity.staff': (p: { label: string }) => `Staff: ${p.label}`,
  'identity.error.state':
    'The sign-in could not be completed (it was started in another window or took too long). Try again.',
  'identity.error.failed': 'The sign-in service did not confirm who you are. Try again.',
  'identity.error.claims': 'The sign-in service did not send what Samråd needs. Try again or use your password.',
  'identity.error.not_allowed': 'This account cannot sign in here. Contact the agency if you think it should.',
  'identity.error.loa_too_low': (p: Loa) =>
    `This consultation needs MitID at assurance level ${p.level} or higher. Verify again with a stronger MitID.`,
  'identity.loa.low': 'low',
  'identity.loa.substantial': 'substantial',
  'identity.loa.high': 'high',

  'identity.link.title': 'Finish your first MitID sign-in',
  'identity.link.intro':
    'MitID confirmed who you are. Give your e-mail address: we send a link to it. When you have opened the link, sign in with MitID again and you go straight in. If you already have an account with that address, MitID is added to it.',
  'identity.link.name': 'Your name',
  'identity.link.email': 'E-mail address',
  'identity.link.submit': 'Send the link',
  'identity.link.sent':
    'If the address can be used, we have sent an e-mail to it. Open the link in it, then sign in with MitID again.',
  'identity.link.expired': 'The MitID sign-in has expired. Sign in with MitID again.',
  'identity.link.signInAgain': 'Sign in',

  'identity.verify.heading': 'Verify with MitID',
  'identity.verify.intro':
    'You can confirm with MitID that this response is yours. Staff then see that it is verified, and the public sees it too if you chose to be published with your name. Your CPR number is not used or stored.',
  'identity.verify.required': (p: Loa) => `This consultation accepts MitID verification at level ${p.level} or higher.`,
  'identity.verify.button': (p: { label: string }) => `Verify with ${p.label}`,
  'identity.verify.done': (p: Loa) => `Verified with MitID (${p.level})`,
  'identity.verify.org': (p: { org: string; cvr: string }) => `On behalf of ${p.org} (CVR ${p.cvr})`,
  'identity.verify.justDone': 'Your response is now verified with MitID.',
};
