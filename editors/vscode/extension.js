// stdkit for VS Code: a minimal client that starts stdlsp (the language server of
// stdkit) for Markdown files. The server decides which files are standards (those
// that start with "---" front matter) and says nothing about the others.
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const cfg = vscode.workspace.getConfiguration('stdkit');
  const serverOptions = {
    command: cfg.get('stdlspPath', 'stdlsp'),
    args: ['--debounce', String(cfg.get('debounce', 100))],
  };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown' }],
    initializationOptions: { disable: cfg.get('disable', []) },
    synchronize: {
      // a standard or system.yaml changed on disk: its system is read again
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.md,system.yaml}'),
    },
  };
  client = new LanguageClient('stdlsp', 'stdkit (stdlsp)', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
