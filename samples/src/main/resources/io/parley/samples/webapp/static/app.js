// The Parley Teams page: strophe.js over WebSocket (BOSH as the fallback), logged in with a
// short-lived token from the web app, never with the person's password.
(function () {
  'use strict';
  const ROSTER = 'jabber:iq:roster';
  const colleagues = new Map(); // bare JID -> { name, resources: Map(resource -> {show, status}) }
  const conversations = new Map(); // bare JID -> [{ mine, text }]
  const unread = new Map();
  let me = null;
  let connection = null;
  let selected = null;
  let everConnected = false;
  let ownPresence = { show: 'available', status: '' };

  const $ = (id) => document.getElementById(id);

  function setConnectionState(state, text) {
    const el = $('connection');
    el.dataset.state = state;
    el.textContent = text;
  }

  async function fetchToken() {
    const resp = await fetch('/api/token', { method: 'POST', credentials: 'same-origin' });
    if (resp.status === 401) {
      location.href = '/';
      throw new Error('logged out');
    }
    if (!resp.ok) {
      throw new Error('token request failed: ' + resp.status);
    }
    return (await resp.json()).token;
  }

  function serviceUrl(transport) {
    if (transport === 'websocket') {
      const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
      return scheme + '//' + location.host + me.websocketPath;
    }
    return location.origin + me.boshPath;
  }

  // WebSocket first; BOSH when the browser has no WebSocket or it never got connected.
  async function connect(transport) {
    const token = await fetchToken();
    setConnectionState('connecting', 'connecting (' + transport + ')…');
    let connected = false;
    // PLAIN only: the token is the secret the app's authenticator checks; it has no SCRAM form.
    connection = new Strophe.Connection(serviceUrl(transport),
        { mechanisms: [Strophe.SASLPlain] });
    connection.connect(me.jid, token, (status, condition) => {
      const S = Strophe.Status;
      if (status === S.CONNECTED) {
        connected = true;
        everConnected = true;
        setConnectionState('online', 'online (' + transport + ')');
        onConnected();
      } else if (status === S.AUTHFAIL) {
        setConnectionState('failed', 'login refused');
      } else if (status === S.CONNFAIL || status === S.DISCONNECTED) {
        if (!connected && transport === 'websocket' && !everConnected) {
          connect('bosh').catch(showError);
        } else if (status === S.DISCONNECTED) {
          markAllOffline();
          setConnectionState('offline', 'offline' + (condition ? ' (' + condition + ')' : '')
              + ', reconnecting…');
          setTimeout(() => connect(transport).catch(showError), 3000);
        }
      }
    });
  }

  function showError(e) {
    setConnectionState('failed', String(e && e.message || e));
  }

  function onConnected() {
    connection.addHandler(onPresence, null, 'presence');
    connection.addHandler(onMessage, null, 'message', 'chat');
    connection.addHandler(onRosterPush, ROSTER, 'iq', 'set');
    const query = $iq({ type: 'get' }).c('query', { xmlns: ROSTER });
    connection.sendIQ(query, (iq) => {
      for (const item of iq.getElementsByTagName('item')) {
        rosterItem(item);
      }
      render();
      sendOwnPresence(); // after the roster, so that no colleague's presence is missed
    }, () => showError('roster request failed'));
  }

  function rosterItem(item) {
    const jid = item.getAttribute('jid');
    if (item.getAttribute('subscription') === 'remove') {
      colleagues.delete(jid);
      return;
    }
    const old = colleagues.get(jid);
    colleagues.set(jid, {
      name: item.getAttribute('name') || jid,
      resources: old ? old.resources : new Map(),
    });
  }

  function onRosterPush(iq) {
    for (const item of iq.getElementsByTagName('item')) {
      rosterItem(item);
    }
    connection.send($iq({ type: 'result', id: iq.getAttribute('id') }));
    render();
    return true;
  }

  function childText(el, name) {
    const child = el.getElementsByTagName(name)[0];
    return child ? child.textContent : '';
  }

  function onPresence(p) {
    const from = p.getAttribute('from') || '';
    const bare = Strophe.getBareJidFromJid(from);
    const contact = colleagues.get(bare);
    if (!contact) {
      return true; // our own resources, or someone outside the team
    }
    const resource = Strophe.getResourceFromJid(from) || '';
    const type = p.getAttribute('type');
    if (type === 'unavailable' || type === 'error') {
      contact.resources.delete(resource);
    } else if (!type) {
      contact.resources.set(resource, {
        show: childText(p, 'show') || 'available',
        status: childText(p, 'status'),
      });
    }
    render();
    return true;
  }

  function onMessage(m) {
    const bare = Strophe.getBareJidFromJid(m.getAttribute('from') || '');
    const body = m.getElementsByTagName('body')[0];
    if (!body || !bare) {
      return true;
    }
    addToConversation(bare, false, body.textContent);
    if (bare !== selected) {
      unread.set(bare, (unread.get(bare) || 0) + 1);
    }
    render();
    return true;
  }

  function addToConversation(bare, mine, text) {
    if (!conversations.has(bare)) {
      conversations.set(bare, []);
    }
    conversations.get(bare).push({ mine, text });
  }

  // The most available resource wins: chat > available > away > xa > dnd.
  const RANK = { chat: 5, available: 4, away: 3, xa: 2, dnd: 1 };
  function bestPresence(contact) {
    let best = null;
    for (const p of contact.resources.values()) {
      if (!best || (RANK[p.show] || 0) > (RANK[best.show] || 0)) {
        best = p;
      }
    }
    return best || { show: 'offline', status: '' };
  }

  function markAllOffline() {
    for (const c of colleagues.values()) {
      c.resources.clear();
    }
    render();
  }

  function render() {
    const list = $('colleagues');
    list.replaceChildren();
    const sorted = [...colleagues.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name));
    for (const [jid, contact] of sorted) {
      const presence = bestPresence(contact);
      const li = document.createElement('li');
      li.dataset.jid = jid;
      li.dataset.show = presence.show;
      li.className = jid === selected ? 'selected' : '';
      const dot = document.createElement('span');
      dot.className = 'dot';
      dot.title = presence.show;
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = contact.name;
      li.append(dot, name);
      const count = unread.get(jid);
      if (count) {
        const badge = document.createElement('span');
        badge.className = 'unread';
        badge.textContent = '(' + count + ')';
        li.append(badge);
      }
      const status = document.createElement('span');
      status.className = 'status';
      status.textContent = presence.show === 'offline' ? 'offline'
          : presence.show + (presence.status ? ': ' + presence.status : '');
      status.dataset.text = presence.status;
      li.append(status);
      li.addEventListener('click', () => select(jid));
      list.append(li);
    }
    renderChat();
  }

  function renderChat() {
    const messages = $('messages');
    messages.replaceChildren();
    if (!selected) {
      return;
    }
    const contact = colleagues.get(selected);
    $('chat-title').textContent = 'Chat with ' + (contact ? contact.name : selected);
    for (const m of conversations.get(selected) || []) {
      const li = document.createElement('li');
      li.className = m.mine ? 'mine' : 'theirs';
      li.textContent = (m.mine ? 'me' : (contact ? contact.name : selected)) + ': ' + m.text;
      messages.append(li);
    }
    messages.scrollTop = messages.scrollHeight;
  }

  function select(jid) {
    selected = jid;
    unread.delete(jid);
    $('composer').hidden = false;
    render();
    $('message-text').focus();
  }

  function sendOwnPresence() {
    const pres = $pres();
    if (ownPresence.show !== 'available') {
      pres.c('show').t(ownPresence.show).up();
    }
    if (ownPresence.status) {
      pres.c('status').t(ownPresence.status).up();
    }
    connection.send(pres);
  }

  $('status-set').addEventListener('click', () => {
    ownPresence = { show: $('show').value, status: $('status-text').value.trim() };
    if (connection && connection.authenticated) {
      sendOwnPresence();
    }
  });

  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('message-text');
    const text = input.value.trim();
    if (!text || !selected || !connection || !connection.authenticated) {
      return;
    }
    connection.send($msg({ to: selected, type: 'chat' }).c('body').t(text));
    addToConversation(selected, true, text);
    input.value = '';
    renderChat();
  });

  (async function start() {
    const resp = await fetch('/api/me', { credentials: 'same-origin' });
    if (!resp.ok) {
      location.href = '/';
      return;
    }
    me = await resp.json();
    $('me').textContent = me.name + ' (' + me.team + ')';
    await connect(typeof WebSocket === 'function' ? 'websocket' : 'bosh');
  })().catch(showError);
})();
