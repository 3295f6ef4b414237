// Qunzhu 群主 — the Foundation's web console: one static page over the HTTP API, no framework and
// no build step. Views are hash routes (#/groups, #/members, #/members/ID, #/sandbox/ID).
// Everything from the API is inserted as text (textContent / text nodes), never as HTML.

// ---------------------------------------------------------------------------------------------
// Strings (zh-CN is the default; the choice is remembered in localStorage)

const STRINGS = {
  'zh-CN': {
    loading: '加载中…',
    networkError: '无法连接服务器，请检查它是否在运行。',
    language: '语言',
    loginTitle: '登录',
    email: '邮箱',
    password: '密码',
    passwordHint: '至少 10 个字符',
    login: '登录',
    setupTitle: '创建群主账号',
    setupIntro: '首次启动：用服务器启动时打印的一次性设置令牌，创建第一个（群主）账号。',
    setupToken: '设置令牌',
    name: '名字（可选）',
    setupButton: '创建账号并登录',
    sessionExpired: '登录已过期，请重新登录。',
    loggedOut: '已退出登录。',
    setupDone: '初始设置已完成，请直接登录。',
    logout: '退出',
    community: '社群',
    overview: '概览',
    members: '成员',
    sandbox: '沙盒',
    groups: '群',
    messages: '消息',
    joins: '入群',
    leaves: '退群',
    colName: '名称',
    colPlatform: '平台',
    colType: '类型',
    colMembers: '成员数',
    colLastActivity: '最近活动',
    noGroups: '这个社群还没有群。接入一个平台、导入聊天记录（qunzhu import），或先建一个沙盒群试试玩法。',
    goSandbox: '去沙盒',
    noCommunity: '你还没有任何社群。',
    askOwner: '请让群主把你加入一个社群。',
    createCommunity: '新建社群',
    communityName: '社群名称',
    searchPlaceholder: '搜索名字或 ID',
    allGroups: '全部群',
    firstSeen: '首次出现',
    lastSeen: '最近出现',
    total: '共 {n} 名成员',
    pageOf: '第 {page} / {pages} 页',
    prev: '上一页',
    next: '下一页',
    noMembers: '还没有成员。导入聊天记录，或在沙盒里让一个假成员入群。',
    noMatch: '没有匹配的成员，换个关键词或群试试。',
    back: '← 返回成员列表',
    memberId: '成员 ID',
    identities: '身份',
    platformUserId: '平台用户 ID',
    displayName: '显示名',
    memberGroups: '所在群',
    status: '状态',
    statusIn: '在群',
    statusLeft: '已退群',
    joinedAt: '入群时间',
    leftAt: '退群时间',
    timeline: '事件时间线',
    loadMore: '加载更多',
    noEvents: '还没有事件。',
    'ev.message': '发言',
    'ev.join': '入群',
    'ev.leave': '退群',
    chatJoined: '{name} 加入了群',
    chatLeft: '{name} 退出了群',
    sandboxIntro: '沙盒是一个内置的模拟群：扮演成员入群、发言、退群，看玩法如何回应——不会影响任何真实的群。',
    sandboxGroup: '沙盒群',
    noSandbox: '这个社群还没有沙盒群。新建一个，就可以试玩法了。',
    createSandbox: '新建沙盒群',
    groupName: '群名称',
    defaultSandboxName: '沙盒 Sandbox',
    needSteward: '需要管家或更高的角色才能在沙盒里操作。',
    actAs: '扮演成员',
    userId: '用户 ID',
    join: '入群',
    leave: '退群',
    send: '发送',
    messagePlaceholder: '说点什么…',
    fastForward: '快进',
    fastForwardTitle: '立即触发等待中的定时器（如正在合并的欢迎语）',
    refresh: '刷新',
    chatEmpty: '还没有消息。用下面的表单让一个成员入群或发言。',
    bot: '机器人',
    welcomeWaiting: '欢迎语会在 {s} 秒内发出（这段时间入群的人合并成一条）。点「快进」立即发出。',
    welcomeOff: '欢迎语玩法没有开启：在右侧打开它，新成员入群时就会收到欢迎语。',
    needUser: '请填写用户 ID。',
    needText: '请输入消息内容。',
    plays: '玩法',
    playsHint: '开关只作用于这个群。',
    needAdmin: '需要管理员角色才能开关玩法。',
    burst: '合并窗口 {s} 秒',
    'act.send': '发送消息',
    'act.delete': '删除消息',
    'act.mute': '禁言',
    'act.remove': '移出',
    'act.approve': '通过入群申请',
    'status.pending': '待发送',
    'status.sent': '已发送',
    'status.failed': '发送失败',
    'status.skipped': '已跳过',
    'type.lead': '引流群',
    'type.conversion': '转化群',
    'type.fan': '粉丝群',
    'type.flash': '快闪群',
    'type.repurchase': '复购群',
    'type.other': '其他',
    'role.owner': '群主',
    'role.admin': '管理员',
    'role.steward': '管家',
    'role.viewer': '只读',
    'platform.sandbox': '沙盒',
    'err.unauthenticated': '登录失败',
    'err.rate_limited': '尝试次数过多',
    'err.forbidden': '没有权限',
    'err.not_found': '找不到',
    'err.bad_input': '输入有误',
    'err.conflict': '无法完成',
    'err.internal': '服务器出错',
  },
  en: {
    loading: 'Loading…',
    networkError: 'Cannot reach the server; is it running?',
    language: 'Language',
    loginTitle: 'Log in',
    email: 'Email',
    password: 'Password',
    passwordHint: 'At least 10 characters',
    login: 'Log in',
    setupTitle: 'Create the owner account',
    setupIntro:
      'First start: create the first (owner) account with the one-time setup token the server printed when it started.',
    setupToken: 'Setup token',
    name: 'Name (optional)',
    setupButton: 'Create account and log in',
    sessionExpired: 'Your session has expired; please log in again.',
    loggedOut: 'You have logged out.',
    setupDone: 'Setup is done already; please log in.',
    logout: 'Log out',
    community: 'Community',
    overview: 'Overview',
    members: 'Members',
    sandbox: 'Sandbox',
    groups: 'Groups',
    messages: 'Messages',
    joins: 'Joins',
    leaves: 'Leaves',
    colName: 'Name',
    colPlatform: 'Platform',
    colType: 'Type',
    colMembers: 'Members',
    colLastActivity: 'Last activity',
    noGroups:
      'This community has no groups yet. Connect a platform, import a chat export (qunzhu import), or create a sandbox group to try plays.',
    goSandbox: 'Open the sandbox',
    noCommunity: 'You have no community yet.',
    askOwner: 'Ask an owner to add you to a community.',
    createCommunity: 'Create community',
    communityName: 'Community name',
    searchPlaceholder: 'Search by name or id',
    allGroups: 'All groups',
    firstSeen: 'First seen',
    lastSeen: 'Last seen',
    total: '{n} members',
    pageOf: 'Page {page} of {pages}',
    prev: 'Previous',
    next: 'Next',
    noMembers: 'No members yet. Import a chat export, or let a pretend member join in the sandbox.',
    noMatch: 'No member matches; try another search or group.',
    back: '← Back to members',
    memberId: 'Member id',
    identities: 'Identities',
    platformUserId: 'Platform user id',
    displayName: 'Display name',
    memberGroups: 'Groups',
    status: 'Status',
    statusIn: 'In the group',
    statusLeft: 'Left',
    joinedAt: 'Joined',
    leftAt: 'Left',
    timeline: 'Timeline',
    loadMore: 'Load more',
    noEvents: 'No events yet.',
    'ev.message': 'Message',
    'ev.join': 'Joined',
    'ev.leave': 'Left',
    chatJoined: '{name} joined',
    chatLeft: '{name} left',
    sandboxIntro:
      'The sandbox is a built-in pretend group: join, post and leave as a pretend member and see how the plays answer — no real group is touched.',
    sandboxGroup: 'Sandbox group',
    noSandbox: 'This community has no sandbox group yet. Create one to try plays.',
    createSandbox: 'Create sandbox group',
    groupName: 'Group name',
    defaultSandboxName: '沙盒 Sandbox',
    needSteward: 'You need the steward role or higher to act in the sandbox.',
    actAs: 'Act as a pretend member',
    userId: 'User id',
    join: 'Join',
    leave: 'Leave',
    send: 'Send',
    messagePlaceholder: 'Say something…',
    fastForward: 'Fast-forward',
    fastForwardTitle: 'Fire waiting timers now (e.g. a welcome that waits for more joins)',
    refresh: 'Refresh',
    chatEmpty: 'Nothing here yet. Use the form below to let a member join or post.',
    bot: 'Bot',
    welcomeWaiting:
      'The welcome goes out within {s} s (joins in that window are greeted together). Press "Fast-forward" to send it now.',
    welcomeOff: 'The welcome play is off: switch it on at the right to greet members who join.',
    needUser: 'Enter a user id.',
    needText: 'Enter a message.',
    plays: 'Plays',
    playsHint: 'Switches apply to this group only.',
    needAdmin: 'You need the admin role to switch plays.',
    burst: 'burst window {s} s',
    'act.send': 'Send message',
    'act.delete': 'Delete message',
    'act.mute': 'Mute',
    'act.remove': 'Remove',
    'act.approve': 'Approve join request',
    'status.pending': 'pending',
    'status.sent': 'sent',
    'status.failed': 'failed',
    'status.skipped': 'skipped',
    'type.lead': 'Lead',
    'type.conversion': 'Conversion',
    'type.fan': 'Fan',
    'type.flash': 'Flash',
    'type.repurchase': 'Repurchase',
    'type.other': 'Other',
    'role.owner': 'Owner',
    'role.admin': 'Admin',
    'role.steward': 'Steward',
    'role.viewer': 'Viewer',
    'platform.sandbox': 'Sandbox',
  },
};
const LANGS = [
  ['zh-CN', '中文'],
  ['en', 'English'],
];

const state = {
  lang: STRINGS[localStorage.getItem('qunzhu.lang')] ? localStorage.getItem('qunzhu.lang') : 'zh-CN',
  user: null,
  csrf: null,
  communities: [],
  communityId: null,
  playInfo: new Map(), // play name → {title, description} from GET /api/v1/plays
  screen: null, // re-renders the current screen, e.g. after a language switch
};

/** Translate a key, filling `{name}` placeholders; falls back to the key's other language, then the key. */
const t = (key, vars = {}) => {
  const text = STRINGS[state.lang][key] ?? STRINGS['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
};
const tOr = (key, fallback) => (key in STRINGS[state.lang] ? t(key) : fallback);

const fmtDate = (iso) =>
  iso ? new Date(iso).toLocaleString(state.lang, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
const fmtTime = (iso) =>
  new Date(iso).toLocaleTimeString(state.lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const fmtNumber = (n) => Number(n ?? 0).toLocaleString(state.lang);

// ---------------------------------------------------------------------------------------------
// DOM helper: h('tag', {attrs, onevent}, ...children). Children that are strings become text nodes.

const PROPS = new Set(['value', 'checked', 'disabled', 'hidden']);
const h = (tag, props, ...children) => {
  const el = document.createElement(tag);
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false)
      el.append(child instanceof Node ? child : String(child));
  }
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (PROPS.has(key)) el[key] = value;
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  return el;
};
const app = () => document.getElementById('app');
const emptyState = (text, ...actions) =>
  h('div', { class: 'empty', 'data-testid': 'empty-state' }, h('p', {}, text), actions);
const errorBox = (error) => h('p', { class: 'error', role: 'alert' }, errorText(error));
const table = (props, headers, rows) =>
  h(
    'table',
    props,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((x) => h('th', {}, x)),
      ),
    ),
    h('tbody', {}, rows),
  );
const field = (label, input, hint) =>
  h('label', { class: 'field' }, h('span', {}, label), input, hint && h('small', {}, hint));
const debounce = (fn, ms) => {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
};

// ---------------------------------------------------------------------------------------------
// API: JSON in and out, the CSRF header on unsafe methods; a 401 while logged in ends the session.

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}
const errorText = (error) => {
  if (!(error instanceof ApiError)) return String(error?.message ?? error);
  const lead = STRINGS[state.lang][`err.${error.code}`];
  return lead ? `${lead}：${error.message}` : error.message;
};

const api = async (method, path, body) => {
  const headers = { Accept: 'application/json' };
  const unsafe = method !== 'GET';
  if (unsafe) headers['Content-Type'] = 'application/json';
  if (unsafe && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(unsafe ? { body: JSON.stringify(body ?? {}) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', t('networkError'));
  }
  const data = await res.json().catch(() => null);
  if (res.ok) return data;
  const error = new ApiError(res.status, data?.error?.code ?? 'http', data?.error?.message ?? `HTTP ${res.status}`);
  if (res.status === 401 && state.user) {
    state.user = null;
    state.csrf = null;
    renderLogin('sessionExpired');
  }
  throw error;
};
const cpath = (rest = '') => `/api/v1/communities/${state.communityId}${rest}`;

const ROLE_RANK = { viewer: 0, steward: 1, admin: 2, owner: 3 };
const currentRole = () => state.communities.find((c) => c.id === state.communityId)?.role ?? 'viewer';
const can = (role) => (ROLE_RANK[currentRole()] ?? 0) >= ROLE_RANK[role];

// ---------------------------------------------------------------------------------------------
// Start, setup, login, logout

const boot = async () => {
  try {
    const { setupRequired } = await api('GET', '/api/v1/auth/status');
    if (setupRequired) return renderSetup();
    const wasSetup = location.pathname.startsWith('/setup');
    if (location.pathname !== '/') history.replaceState(null, '', `/${location.hash}`);
    try {
      enter(await api('GET', '/api/v1/auth/me'));
    } catch (error) {
      if (error.status !== 401) throw error;
      renderLogin(wasSetup ? 'setupDone' : '');
    }
  } catch (error) {
    state.screen = boot;
    app().replaceChildren(topBar(), h('main', { class: 'page' }, errorBox(error)));
  }
};

const langSelect = () =>
  h(
    'select',
    {
      'aria-label': t('language'),
      'data-testid': 'lang-select',
      value: state.lang,
      onchange: (e) => {
        state.lang = e.target.value;
        localStorage.setItem('qunzhu.lang', state.lang);
        document.documentElement.lang = state.lang;
        state.screen?.();
      },
    },
    LANGS.map(([code, label]) => h('option', { value: code }, label)),
  );
const topBar = (...extra) =>
  h('header', { class: 'topbar' }, h('a', { class: 'brand', href: '#/groups' }, 'Qunzhu 群主'), extra, langSelect());

/** A centered card with a form; `submit` gets the form's values and returns a promise. */
const authCard = (title, intro, message, testid, fields, buttonLabel, submit) => {
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': `${testid}-error`, hidden: !message }, message);
  const button = h('button', { type: 'submit', class: 'primary', 'data-testid': `${testid}-submit` }, buttonLabel);
  const form = h(
    'form',
    { class: 'card auth', 'data-testid': `${testid}-form` },
    h('h1', {}, title),
    intro,
    fields,
    error,
    button,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    error.hidden = true;
    error.classList.remove('info');
    try {
      await submit(Object.fromEntries(new FormData(form)));
    } catch (err) {
      error.textContent = errorText(err);
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  app().replaceChildren(topBar(), h('main', { class: 'center' }, form));
  return form;
};

const renderSetup = () => {
  state.screen = renderSetup;
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const input = (name, type, extra = {}) => h('input', { name, type, 'data-testid': `setup-${name}`, ...extra });
  authCard(
    t('setupTitle'),
    h('p', { class: 'muted' }, t('setupIntro')),
    '',
    'setup',
    [
      field(t('setupToken'), input('token', 'text', { value: token, required: true, autocomplete: 'off' })),
      field(t('email'), input('email', 'email', { required: true, autocomplete: 'username' })),
      field(
        t('password'),
        input('password', 'password', { required: true, minlength: 10, autocomplete: 'new-password' }),
        t('passwordHint'),
      ),
      field(t('name'), input('name', 'text', { maxlength: 200, autocomplete: 'name' })),
    ],
    t('setupButton'),
    async ({ token, email, password, name }) => {
      const me = await api('POST', '/api/v1/auth/setup', { token, email, password, ...(name ? { name } : {}) });
      history.replaceState(null, '', '/#/groups');
      enter(me);
    },
  );
};

/** The login form; `notice` is a string key shown above the button (e.g. 'sessionExpired'). */
const renderLogin = (notice = '') => {
  state.screen = () => renderLogin(notice);
  const form = authCard(
    t('loginTitle'),
    null,
    notice && t(notice),
    'login',
    [
      field(
        t('email'),
        h('input', {
          name: 'email',
          type: 'email',
          required: true,
          autocomplete: 'username',
          'data-testid': 'login-email',
        }),
      ),
      field(
        t('password'),
        h('input', {
          name: 'password',
          type: 'password',
          required: true,
          autocomplete: 'current-password',
          'data-testid': 'login-password',
        }),
      ),
    ],
    t('login'),
    async (values) => enter(await api('POST', '/api/v1/auth/login', values)),
  );
  if (notice) form.querySelector('.error').classList.add('info');
  form.querySelector('input')?.focus();
};

const logout = async () => {
  try {
    await api('POST', '/api/v1/auth/logout');
  } catch {
    // Logged out either way.
  }
  state.user = null;
  state.csrf = null;
  renderLogin('loggedOut');
};

/** Logged in (from setup, login or /me): remember the user and CSRF token, then show the console. */
const enter = (me) => {
  state.user = me.user;
  state.csrf = me.csrfToken;
  state.communities = me.communities;
  const saved = Number(localStorage.getItem('qunzhu.community'));
  state.communityId = (me.communities.find((c) => c.id === saved) ?? me.communities[0])?.id ?? null;
  if (!location.hash) history.replaceState(null, '', '#/groups');
  loadPlayInfo();
  renderShell();
};

const loadPlayInfo = async () => {
  try {
    const { items } = await api('GET', '/api/v1/plays');
    state.playInfo = new Map(items.map((p) => [p.name, p]));
  } catch {
    // Titles are a nicety: without them plays show by name.
  }
};
const playTitle = (name) => state.playInfo.get(name)?.title?.[state.lang] ?? name;

// ---------------------------------------------------------------------------------------------
// The logged-in shell and the router

const NAV = [
  ['groups', 'overview'],
  ['members', 'members'],
  ['sandbox', 'sandbox'],
];

const renderShell = () => {
  state.screen = renderShell;
  const picker = h(
    'select',
    {
      'aria-label': t('community'),
      'data-testid': 'community-select',
      value: String(state.communityId ?? ''),
      onchange: (e) => {
        state.communityId = Number(e.target.value);
        localStorage.setItem('qunzhu.community', String(state.communityId));
        Object.assign(membersQuery, { q: '', groupId: '', page: 1 });
        if (location.hash.startsWith('#/members/') || location.hash.startsWith('#/sandbox/')) {
          location.hash = `#/${location.hash.split('/')[1]}`;
        } else route();
      },
    },
    state.communities.map((c) => h('option', { value: String(c.id) }, `${c.name} · ${t(`role.${c.role}`)}`)),
  );
  const nav = h(
    'nav',
    {},
    NAV.map(([path, label]) =>
      h('a', { href: `#/${path}`, 'data-route': path, 'data-testid': `nav-${path}` }, t(label)),
    ),
  );
  app().replaceChildren(
    topBar(
      state.communities.length ? nav : null,
      h('span', { class: 'spacer' }),
      state.communities.length ? picker : null,
      h('span', { class: 'user', 'data-testid': 'user-email' }, state.user.email),
      h('button', { type: 'button', class: 'link', 'data-testid': 'logout', onclick: logout }, t('logout')),
    ),
    h('main', { class: 'page', id: 'view' }),
  );
  route();
};

const route = () => {
  const main = document.getElementById('view');
  if (!main || !state.user) return;
  if (!state.communityId) return main.replaceChildren(viewNoCommunity());
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name = 'groups', param] = path.split('/');
  for (const link of document.querySelectorAll('nav a')) link.classList.toggle('active', link.dataset.route === name);
  // Each view fills its own section; a section replaced by a newer route is detached, so late results vanish.
  const section = h('section', { class: 'view' }, h('p', { class: 'muted' }, t('loading')));
  main.replaceChildren(section);
  const views = { groups: viewOverview, members: param ? viewMember : viewMembers, sandbox: viewSandbox };
  (views[name] ?? viewOverview)(section, param, new URLSearchParams(query)).catch((error) => {
    if (error.status !== 401) section.replaceChildren(errorBox(error));
  });
};
window.addEventListener('hashchange', route);

const viewNoCommunity = () => {
  if (!state.user.isAdmin) return emptyState(`${t('noCommunity')} ${t('askOwner')}`);
  const name = h('input', { name: 'name', required: true, maxlength: 200, 'data-testid': 'community-name' });
  const error = h('p', { class: 'error', hidden: true });
  const form = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await api('POST', '/api/v1/communities', { name: name.value });
          enter(await api('GET', '/api/v1/auth/me'));
        } catch (err) {
          error.textContent = errorText(err);
          error.hidden = false;
        }
      },
    },
    field(t('communityName'), name),
    h('button', { type: 'submit', class: 'primary' }, t('createCommunity')),
  );
  return emptyState(t('noCommunity'), form, error);
};

// ---------------------------------------------------------------------------------------------
// Overview: counts and the groups table

const viewOverview = async (section) => {
  const [community, { items: groups }] = await Promise.all([api('GET', cpath()), api('GET', cpath('/groups'))]);
  const card = (label, n) => h('div', { class: 'stat' }, h('strong', {}, fmtNumber(n)), h('span', {}, label));
  const events = community.events ?? {};
  const rows = groups.map((g) =>
    h(
      'tr',
      { 'data-testid': 'group-row' },
      h('td', {}, g.platform === 'sandbox' ? h('a', { href: `#/sandbox/${g.id}` }, g.name) : g.name),
      h('td', {}, tOr(`platform.${g.platform}`, g.platform)),
      h('td', {}, tOr(`type.${g.type}`, g.type)),
      h('td', { class: 'num' }, h('a', { href: `#/members?group=${g.id}` }, fmtNumber(g.members))),
      h('td', {}, fmtDate(g.lastEventAt)),
    ),
  );
  section.replaceChildren(
    h('h1', {}, community.name),
    h(
      'div',
      { class: 'stats', 'data-testid': 'overview-counts' },
      card(t('groups'), community.groups),
      card(t('members'), community.members),
      card(t('messages'), events.message),
      card(t('joins'), events.join),
      card(t('leaves'), events.leave),
    ),
    h('h2', {}, t('groups')),
    groups.length
      ? table(
          { 'data-testid': 'groups-table' },
          [t('colName'), t('colPlatform'), t('colType'), t('colMembers'), t('colLastActivity')],
          rows,
        )
      : emptyState(t('noGroups'), h('a', { class: 'button', href: '#/sandbox' }, t('goSandbox'))),
  );
};

// ---------------------------------------------------------------------------------------------
// Members: search, group filter, paged table; one member's identities, groups and timeline

const PAGE_SIZE = 20;
const membersQuery = { q: '', groupId: '', page: 1 };

const viewMembers = async (section, _param, query) => {
  if (query.has('group')) Object.assign(membersQuery, { q: '', groupId: query.get('group'), page: 1 });
  const { items: groups } = await api('GET', cpath('/groups'));
  const results = h('div', {});
  let seq = 0;
  const load = async () => {
    const mine = ++seq;
    const qs = new URLSearchParams({ page: String(membersQuery.page), pageSize: String(PAGE_SIZE) });
    if (membersQuery.q) qs.set('q', membersQuery.q);
    if (membersQuery.groupId) qs.set('groupId', membersQuery.groupId);
    try {
      const data = await api('GET', cpath(`/members?${qs}`));
      if (mine === seq) results.replaceChildren(...membersTable(data, load));
    } catch (error) {
      if (mine === seq) results.replaceChildren(errorBox(error));
    }
  };
  const search = h('input', {
    type: 'search',
    value: membersQuery.q,
    placeholder: t('searchPlaceholder'),
    'aria-label': t('searchPlaceholder'),
    'data-testid': 'member-search',
    oninput: debounce((e) => {
      Object.assign(membersQuery, { q: e.target.value.trim(), page: 1 });
      load();
    }, 250),
  });
  const filter = h(
    'select',
    {
      'aria-label': t('groups'),
      'data-testid': 'member-group-filter',
      onchange: (e) => {
        Object.assign(membersQuery, { groupId: e.target.value, page: 1 });
        load();
      },
    },
    h('option', { value: '' }, t('allGroups')),
    groups.map((g) => h('option', { value: String(g.id) }, g.name)),
  );
  filter.value = membersQuery.groupId;
  section.replaceChildren(h('h1', {}, t('members')), h('div', { class: 'toolbar' }, search, filter), results);
  await load();
  search.focus();
};

const membersTable = (data, reload) => {
  if (data.total === 0) return [emptyState(membersQuery.q || membersQuery.groupId ? t('noMatch') : t('noMembers'))];
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const go = (page) => {
    membersQuery.page = page;
    reload();
  };
  const rows = data.items.map((m) =>
    h(
      'tr',
      {
        class: 'clickable',
        'data-testid': 'member-row',
        'data-member-id': m.id,
        onclick: () => {
          location.hash = `#/members/${m.id}`;
        },
      },
      h('td', {}, h('a', { href: `#/members/${m.id}` }, m.displayName || `#${m.id}`)),
      h('td', { class: 'num' }, m.id),
      h('td', {}, fmtDate(m.firstSeenAt)),
      h('td', {}, fmtDate(m.lastSeenAt)),
    ),
  );
  return [
    table({ 'data-testid': 'members-table' }, [t('colName'), t('memberId'), t('firstSeen'), t('lastSeen')], rows),
    h(
      'div',
      { class: 'pager' },
      h('span', { 'data-testid': 'members-total' }, t('total', { n: fmtNumber(data.total) })),
      h('span', { class: 'spacer' }),
      h(
        'button',
        { type: 'button', 'data-testid': 'members-prev', disabled: data.page <= 1, onclick: () => go(data.page - 1) },
        t('prev'),
      ),
      h('span', {}, t('pageOf', { page: data.page, pages })),
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'members-next',
          disabled: data.page >= pages,
          onclick: () => go(data.page + 1),
        },
        t('next'),
      ),
    ),
  ];
};

const viewMember = async (section, memberId) => {
  const m = await api('GET', cpath(`/members/${encodeURIComponent(memberId)}`));
  const timeline = h('ol', { class: 'timeline', 'data-testid': 'member-timeline' });
  const more = h('button', { type: 'button', 'data-testid': 'timeline-load-more', hidden: true }, t('loadMore'));
  let cursor = null;
  const loadEvents = async () => {
    more.disabled = true;
    const qs = new URLSearchParams({ limit: '30' });
    if (cursor) qs.set('cursor', cursor);
    try {
      const data = await api('GET', cpath(`/members/${m.id}/events?${qs}`));
      timeline.append(...data.items.map(timelineItem));
      if (timeline.children.length === 0) timeline.append(h('li', { class: 'muted' }, t('noEvents')));
      cursor = data.nextCursor;
      more.hidden = !cursor;
    } catch (error) {
      timeline.append(h('li', {}, errorBox(error)));
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', loadEvents);
  const status = (g) => (g.status === 'in' ? t('statusIn') : t('statusLeft'));
  section.replaceChildren(
    h('a', { href: '#/members', class: 'back' }, t('back')),
    h('div', { 'data-testid': 'member-detail' }, h('h1', {}, m.displayName || `#${m.id}`)),
    h(
      'dl',
      { class: 'facts' },
      [
        [t('memberId'), m.id],
        [t('firstSeen'), fmtDate(m.firstSeenAt)],
        [t('lastSeen'), fmtDate(m.lastSeenAt)],
      ].map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))),
    ),
    h('h2', {}, t('identities')),
    table(
      { 'data-testid': 'member-identities' },
      [t('colPlatform'), t('platformUserId'), t('displayName')],
      m.identities.map((i) =>
        h(
          'tr',
          {},
          h('td', {}, tOr(`platform.${i.platform}`, i.platform)),
          h('td', {}, i.platformUserId),
          h('td', {}, i.displayName),
        ),
      ),
    ),
    h('h2', {}, t('memberGroups')),
    table(
      { 'data-testid': 'member-groups' },
      [t('groups'), t('status'), t('joinedAt'), t('leftAt'), t('lastSeen')],
      m.groups.map((g) =>
        h(
          'tr',
          {},
          h('td', {}, g.groupName),
          h('td', {}, h('span', { class: `tag ${g.status}` }, status(g))),
          h('td', {}, fmtDate(g.joinedAt)),
          h('td', {}, fmtDate(g.leftAt)),
          h('td', {}, fmtDate(g.lastSeenAt)),
        ),
      ),
    ),
    h('h2', {}, t('timeline')),
    timeline,
    more,
  );
  await loadEvents();
};

const timelineItem = (e) =>
  h(
    'li',
    { 'data-testid': 'timeline-item' },
    h('time', { datetime: e.at }, fmtDate(e.at)),
    h('span', { class: `tag ev-${e.type}` }, tOr(`ev.${e.type}`, e.type)),
    h('span', { class: 'muted' }, e.groupName),
    typeof e.payload?.text === 'string' ? h('p', { class: 'text' }, e.payload.text) : null,
  );

// ---------------------------------------------------------------------------------------------
// Sandbox: a pretend chat where the operator acts as members and watches the plays answer

const pretend = { user: 'xiaoming', name: '小明' };

const viewSandbox = async (section, groupId) => {
  const sandboxes = (await api('GET', cpath('/groups'))).items.filter((g) => g.platform === 'sandbox');
  if (sandboxes.length === 0) {
    section.replaceChildren(
      h('h1', {}, t('sandbox')),
      h('p', { class: 'muted' }, t('sandboxIntro')),
      createSandboxForm(),
    );
    return;
  }
  const group = sandboxes.find((g) => g.id === Number(groupId)) ?? sandboxes[0];
  const sbx = cpath(`/sandbox/groups/${group.id}`);
  const [{ items: transcript }, { items: plays }] = await Promise.all([
    api('GET', `${sbx}/transcript?limit=100`),
    api('GET', cpath(`/groups/${group.id}/plays`)),
  ]);

  const chat = h('div', { class: 'chat', 'data-testid': 'sandbox-chat', 'aria-live': 'polite' });
  const hint = h('p', { class: 'hint', 'data-testid': 'sandbox-hint', hidden: true });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const showError = (err) => {
    error.textContent = err ? errorText(err) : '';
    error.hidden = !err;
  };
  let shown = null;
  let pendingTimer;
  const show = (items) => {
    const json = JSON.stringify(items);
    if (json !== shown) {
      shown = json;
      chat.replaceChildren(
        ...(items.length ? items.map(chatItem) : [h('p', { class: 'muted chat-empty' }, t('chatEmpty'))]),
      );
      chat.scrollTop = chat.scrollHeight;
    }
    // Actions wait in the outbox until their time comes; look again until they have gone out.
    clearTimeout(pendingTimer);
    if (items.some((i) => i.kind === 'action' && i.status === 'pending')) {
      pendingTimer = setTimeout(() => refresh().catch(() => {}), 3000);
    }
  };
  const refresh = async () => {
    if (chat.isConnected) show((await api('GET', `${sbx}/transcript?limit=100`)).items);
  };

  const steward = can('steward');
  const input = (name, extra) => h('input', { 'data-testid': `sandbox-${name}`, disabled: !steward, ...extra });
  const userIn = input('user', {
    value: pretend.user,
    maxlength: 100,
    'aria-label': t('userId'),
    oninput: (e) => {
      pretend.user = e.target.value;
    },
  });
  const nameIn = input('name', {
    value: pretend.name,
    maxlength: 100,
    'aria-label': t('displayName'),
    oninput: (e) => {
      pretend.name = e.target.value;
    },
  });
  const textIn = input('text', { placeholder: t('messagePlaceholder'), 'aria-label': t('messagePlaceholder') });
  const buttons = [];
  const button = (label, testid, onclick, extra = {}) => {
    const b = h('button', { type: 'button', 'data-testid': testid, disabled: !steward, onclick, ...extra }, label);
    buttons.push(b);
    return b;
  };
  const busy = async (work) => {
    for (const b of buttons) b.disabled = true;
    showError(null);
    try {
      await work();
    } catch (err) {
      showError(err);
    } finally {
      for (const b of buttons) b.disabled = !steward;
    }
  };

  const act = (type) =>
    busy(async () => {
      const user = userIn.value.trim();
      if (!user) throw new Error(t('needUser'));
      const text = textIn.value;
      if (type === 'message' && !text.trim()) throw new Error(t('needText'));
      const name = nameIn.value.trim();
      const body = { type, user, ...(name ? { name } : {}), ...(type === 'message' ? { text } : {}) };
      show((await api('POST', `${sbx}/events`, body)).transcript);
      if (type === 'message') textIn.value = '';
      if (type === 'join') afterJoin();
    });
  const afterJoin = () => {
    const welcome = plays.find((p) => p.play === 'welcome');
    const seconds = welcome?.config?.burstWindowSeconds ?? 0;
    hint.hidden = false;
    if (!welcome?.enabled) {
      hint.textContent = t('welcomeOff');
    } else if (seconds > 0) {
      hint.textContent = t('welcomeWaiting', { s: seconds });
      // The server fires the timer on its own; look again once the window has passed.
      setTimeout(() => refresh().catch(() => {}), (seconds + 1.5) * 1000);
    } else {
      hint.hidden = true;
    }
  };
  const fastForward = () =>
    busy(async () => {
      show((await api('POST', `${sbx}/fast-forward`)).transcript);
      hint.hidden = true;
    });

  const picker = h(
    'select',
    {
      'aria-label': t('sandboxGroup'),
      'data-testid': 'sandbox-group-select',
      value: String(group.id),
      onchange: (e) => {
        location.hash = `#/sandbox/${e.target.value}`;
      },
    },
    sandboxes.map((g) => h('option', { value: String(g.id) }, g.name)),
  );
  const form = h(
    'form',
    {
      class: 'pretend',
      onsubmit: (e) => {
        e.preventDefault();
        act('message');
      },
    },
    h(
      'div',
      { class: 'row' },
      h('strong', {}, t('actAs')),
      field(t('userId'), userIn),
      field(t('displayName'), nameIn),
    ),
    h(
      'div',
      { class: 'row' },
      button(t('join'), 'sandbox-join', () => act('join')),
      button(t('leave'), 'sandbox-leave', () => act('leave')),
      textIn,
      button(t('send'), 'sandbox-send', null, { type: 'submit', class: 'primary' }),
    ),
    steward ? null : h('p', { class: 'muted' }, t('needSteward')),
  );

  section.replaceChildren(
    h('h1', {}, t('sandbox')),
    h('p', { class: 'muted' }, t('sandboxIntro')),
    h(
      'div',
      { class: 'sandbox' },
      h(
        'div',
        { class: 'chat-pane card' },
        h(
          'div',
          { class: 'toolbar' },
          h('label', { class: 'inline' }, t('sandboxGroup'), picker),
          h('span', { class: 'spacer' }),
          h('button', { type: 'button', onclick: () => busy(refresh) }, t('refresh')),
          button(t('fastForward'), 'sandbox-fast-forward', fastForward, {
            title: t('fastForwardTitle'),
            class: 'accent',
          }),
        ),
        chat,
        hint,
        error,
        form,
      ),
      playsPanel(group, plays),
    ),
  );
  show(transcript);
};

const chatItem = (item) => {
  const time = h('time', { datetime: item.at }, fmtTime(item.at));
  if (item.kind === 'action') {
    const label = item.type === 'send' ? null : tOr(`act.${item.type}`, item.type);
    return h(
      'div',
      { class: `msg bot ${item.status ?? ''}`, 'data-testid': 'chat-action', 'data-play': item.play ?? '' },
      h('div', { class: 'who' }, h('span', { class: 'badge' }, t('bot')), ` ${playTitle(item.play)} · `, time),
      h('div', { class: 'bubble' }, label && h('em', {}, `${label} `), item.text ?? ''),
      item.status && item.status !== 'sent'
        ? h('div', { class: 'status' }, tOr(`status.${item.status}`, item.status))
        : null,
    );
  }
  const name = item.name || (item.memberId ? `#${item.memberId}` : '?');
  if (item.type === 'message') {
    return h(
      'div',
      { class: 'msg member', 'data-testid': 'chat-event', 'data-type': item.type },
      h('div', { class: 'who' }, `${name} · `, time),
      h('div', { class: 'bubble' }, item.text ?? ''),
    );
  }
  const sentence =
    item.type === 'join'
      ? t('chatJoined', { name })
      : item.type === 'leave'
        ? t('chatLeft', { name })
        : `${name}: ${item.type}`;
  return h('div', { class: 'sys', 'data-testid': 'chat-event', 'data-type': item.type }, sentence, ' · ', time);
};

const playsPanel = (group, plays) => {
  const admin = can('admin');
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const rows = plays.map((p) => {
    const info = state.playInfo.get(p.play);
    const toggle = h('input', {
      type: 'checkbox',
      role: 'switch',
      checked: p.enabled,
      disabled: !admin,
      'aria-label': playTitle(p.play),
      'data-testid': `play-toggle-${p.play}`,
      onchange: async (e) => {
        const enabled = e.target.checked;
        e.target.disabled = true;
        error.hidden = true;
        try {
          const saved = await api('PUT', cpath(`/groups/${group.id}/plays/${encodeURIComponent(p.play)}`), {
            enabled,
            config: p.config,
          });
          Object.assign(p, { enabled: saved.enabled, config: saved.config });
        } catch (err) {
          e.target.checked = p.enabled;
          error.textContent = errorText(err);
          error.hidden = false;
        } finally {
          e.target.disabled = false;
        }
      },
    });
    const burst = p.config?.burstWindowSeconds;
    return h(
      'li',
      { 'data-testid': 'play-item', 'data-play': p.play },
      h('label', { class: 'switch' }, toggle, h('strong', {}, playTitle(p.play))),
      info?.description?.[state.lang] ? h('p', { class: 'muted' }, info.description[state.lang]) : null,
      typeof burst === 'number' ? h('p', { class: 'muted small' }, t('burst', { s: burst })) : null,
    );
  });
  return h(
    'aside',
    { class: 'plays card', 'data-testid': 'sandbox-plays' },
    h('h2', {}, t('plays')),
    h('p', { class: 'muted small' }, admin ? t('playsHint') : t('needAdmin')),
    h('ul', {}, rows),
    error,
  );
};

const createSandboxForm = () => {
  if (!can('steward')) return emptyState(`${t('noSandbox')} ${t('needSteward')}`);
  const name = h('input', {
    value: t('defaultSandboxName'),
    required: true,
    maxlength: 200,
    'data-testid': 'sandbox-create-name',
  });
  const error = h('p', { class: 'error', hidden: true });
  const form = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const group = await api('POST', cpath('/sandbox/groups'), { name: name.value });
          location.hash = `#/sandbox/${group.id}`;
        } catch (err) {
          error.textContent = errorText(err);
          error.hidden = false;
        }
      },
    },
    field(t('groupName'), name),
    h('button', { type: 'submit', class: 'primary', 'data-testid': 'sandbox-create' }, t('createSandbox')),
  );
  return emptyState(t('noSandbox'), form, error);
};

document.documentElement.lang = state.lang;
boot();
