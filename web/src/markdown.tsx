// Markdown (guidelines) rendered without ever producing HTML text: marked parses it into
// tokens and each token becomes a Preact element whose content is text nodes. Raw HTML in the
// source is shown as text, images as their alternative text, and links only when they are
// http(s) or mailto, so a guideline cannot run script or load anything (catalogue: stored XSS).
import type { ComponentChildren } from 'preact';
import { marked, type Token, type Tokens } from 'marked';

const SAFE_LINK = /^(https?:|mailto:)/i;

function inline(tokens: Token[] | undefined): ComponentChildren {
  return (tokens ?? []).map((token, i) => <Inline key={i} token={token} />);
}

function Inline({ token }: { token: Token }) {
  const t = token as Tokens.Generic;
  switch (t.type) {
    case 'strong':
      return <strong>{inline(t.tokens)}</strong>;
    case 'em':
      return <em>{inline(t.tokens)}</em>;
    case 'del':
      return <del>{inline(t.tokens)}</del>;
    case 'codespan':
      return <code>{t.text}</code>;
    case 'br':
      return <br />;
    case 'link':
      return SAFE_LINK.test(t.href) ? (
        <a href={t.href} target="_blank" rel="noopener noreferrer">
          {inline(t.tokens)}
        </a>
      ) : (
        <span>{inline(t.tokens)}</span>
      );
    case 'image':
      return <span class="muted">[image: {t.text}]</span>;
    case 'text':
      return t.tokens ? <>{inline(t.tokens)}</> : <>{t.text}</>;
    default:
      return <>{t.raw}</>; // html, escape and anything newer: the source, as text.
  }
}

function Block({ token }: { token: Token }) {
  const t = token as Tokens.Generic;
  switch (t.type) {
    case 'heading': {
      const Tag = `h${Math.min(6, Math.max(3, t.depth + 2))}` as 'h3';
      return <Tag>{inline(t.tokens)}</Tag>;
    }
    case 'paragraph':
      return <p>{inline(t.tokens)}</p>;
    case 'code':
      return (
        <pre>
          <code>{t.text}</code>
        </pre>
      );
    case 'blockquote':
      return <blockquote>{blocks(t.tokens)}</blockquote>;
    case 'list': {
      const items = (t as Tokens.List).items.map((item, i) => <li key={i}>{blocks(item.tokens)}</li>);
      return t.ordered ? <ol start={typeof t.start === 'number' ? t.start : undefined}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table': {
      const table = t as Tokens.Table;
      return (
        <table>
          <thead>
            <tr>
              {table.header.map((cell, i) => (
                <th key={i}>{inline(cell.tokens)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) => (
                  <td key={i}>{inline(cell.tokens)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case 'hr':
      return <hr />;
    case 'space':
      return null;
    case 'text':
      return <p>{t.tokens ? inline(t.tokens) : t.text}</p>;
    default:
      return <p>{t.raw}</p>;
  }
}

function blocks(tokens: Token[] | undefined): ComponentChildren {
  return (tokens ?? []).map((token, i) => <Block key={i} token={token} />);
}

export function Markdown({ source }: { source: string }) {
  return <div class="markdown">{blocks(marked.lexer(source))}</div>;
}
