import { Button, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef } from 'react';
import type { TranscriptItem } from '../../api/types.js';
import { useT } from '../../i18n/index.js';
import { messages } from './sandbox.messages.js';
import './sandbox.css';

const actionKey = {
  send: 'actSend',
  delete: 'actDelete',
  mute: 'actMute',
  remove: 'actRemove',
  approve: 'actApprove',
} as const;
const statusKey = {
  pending: 'statusPending',
  sent: 'statusSent',
  failed: 'statusFailed',
  skipped: 'statusSkipped',
} as const;
const statusColor: Record<string, string> = {
  pending: 'processing',
  sent: 'success',
  failed: 'error',
  skipped: 'default',
};

const time = (iso: string) => dayjs(iso).format('HH:mm:ss');

type Press = (data: string) => void;

const Item = ({
  item,
  playTitle,
  onPress,
}: {
  item: TranscriptItem;
  playTitle: (play: string) => string;
  onPress?: Press | undefined;
}) => {
  const t = useT(messages);
  if (item.kind === 'action') {
    const kind = item.type in actionKey ? t(actionKey[item.type as keyof typeof actionKey]) : item.type;
    const status = item.status ?? '';
    return (
      <div
        className={`sandbox-row bot ${status}`}
        data-testid="chat-action"
        data-play={item.play ?? ''}
        data-status={status}
        data-type={item.type}
      >
        <div className="sandbox-who">
          <Tag color="green" style={{ marginInlineEnd: 0 }}>
            {t('bot')}
          </Tag>
          <span>{item.play ? playTitle(item.play) : ''}</span>
          {status && (
            <Tag color={statusColor[status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
              {status in statusKey ? t(statusKey[status as keyof typeof statusKey]) : status}
            </Tag>
          )}
          <time dateTime={item.at}>{time(item.at)}</time>
        </div>
        <div className="sandbox-bubble">
          {item.type !== 'send' && <em>{kind} </em>}
          {item.text ?? ''}
          {item.buttons && item.buttons.length > 0 && (
            <Space wrap style={{ display: 'flex', marginTop: 6 }}>
              {item.buttons.map((b) => (
                <Button
                  key={b.data}
                  size="small"
                  disabled={!onPress}
                  title={t('pressAs')}
                  onClick={() => onPress?.(b.data)}
                  data-testid="chat-button"
                >
                  {b.text}
                </Button>
              ))}
            </Space>
          )}
        </div>
      </div>
    );
  }
  const name = item.name || (item.memberId ? `#${item.memberId}` : '?');
  if (item.type === 'message') {
    return (
      <div className="sandbox-row member" data-testid="chat-event" data-type={item.type}>
        <div className="sandbox-who">
          <strong>{name}</strong>
          <time dateTime={item.at}>{time(item.at)}</time>
        </div>
        <div className="sandbox-bubble">{item.text ?? ''}</div>
      </div>
    );
  }
  const sentence =
    item.type === 'join'
      ? t('joined', { name })
      : item.type === 'leave'
        ? t('left', { name })
        : item.type === 'join_request'
          ? t('requested', { name, text: item.text ?? '' })
          : item.type === 'callback'
            ? t('pressed', { name })
            : `${name} · ${item.type}`;
  return (
    <div className="sandbox-note" data-testid="chat-event" data-type={item.type}>
      {sentence} · <time dateTime={item.at}>{time(item.at)}</time>
    </div>
  );
};

/** The sandbox group's chat: members on the left, joins and leaves as notes, the plays' actions on the right. */
export const Chat = ({
  items,
  playTitle,
  onPress,
}: {
  items: TranscriptItem[];
  playTitle: (play: string) => string;
  /** Press a button under a bot's message as the pretend member chosen below; absent without the role. */
  onPress?: Press | undefined;
}) => {
  const t = useT(messages);
  const box = useRef<HTMLDivElement>(null);
  const last = items.at(-1);
  const lastKey = last ? `${last.kind}:${last.id}:${last.status ?? ''}:${items.length}` : '';
  // Follow the conversation: the newest line stays in view.
  useEffect(() => {
    if (lastKey && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lastKey]);
  return (
    <div className="sandbox-chat" data-testid="sandbox-chat" ref={box} aria-live="polite">
      {items.length === 0 ? (
        <div className="sandbox-chat-empty">{t('chatEmpty')}</div>
      ) : (
        items.map((item) => (
          <Item key={`${item.kind}:${item.id}`} item={item} playTitle={playTitle} onPress={onPress} />
        ))
      )}
    </div>
  );
};
