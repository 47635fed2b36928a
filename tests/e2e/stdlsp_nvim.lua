-- Run by tests/e2e/stdlsp-nvim.sh in a headless Neovim (Debian 12: 0.7, which has
-- vim.lsp.start_client and vim.lsp.buf_attach_client but not vim.lsp.start) with a
-- standard open and editors/nvim/stdlsp.lua set up: finds the stdlsp client that
-- the snippet started and attached to the buffer, waits for its
-- diagnostics, types a broken reference and waits for the new ones, puts the cursor
-- on a reference and jumps to its definition with vim.lsp.buf.definition(), and
-- writes what it saw to $OUT as JSON for the shell test to compare.
local out_path = os.getenv('OUT')
local result = { steps = {} }
local function step(s) table.insert(result.steps, s) end

local function finish(ok)
  result.ok = ok
  local f = io.open(out_path, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd(ok and 'qa!' or 'cq!')
end

-- the client is the one editors/nvim/stdlsp.lua started for this buffer (FileType markdown)
local buf = vim.api.nvim_get_current_buf()
local client, id
if not vim.wait(10000, function()
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
    if c.name == 'stdlsp' then client, id = c, c.id end
  end
  return client ~= nil and client.initialized
end, 20) then
  step('not attached or not initialized')
  return finish(false)
end
step('initialized')

-- the shipped standard is clean: its (empty) diagnostics arrive once it is checked
local published = 0
local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, res, ctx, config)
  published = published + 1
  return default_handler(err, res, ctx, config)
end

-- type a broken reference: "按6.1.2" becomes "按6.1.9" on the line "3) 政治学习…"
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local row
for i, l in ipairs(lines) do
  if l:find('^3%) 政治学习') then row = i - 1 end
end
local col = lines[row + 1]:find('6.1.2', 1, true) - 1
vim.api.nvim_buf_set_text(buf, row, col + 4, row, col + 5, { '9' })
if not vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
  step('no diagnostics after the change')
  return finish(false)
end
result.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
  table.insert(result.diagnostics, {
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    severity = d.severity, source = d.source, code = code, message = d.message,
  })
end
step('diagnostics')

-- repair it: the diagnostics go away
vim.api.nvim_buf_set_text(buf, row, col + 4, row, col + 5, { '2' })
if not vim.wait(10000, function() return #vim.diagnostic.get(buf) == 0 end, 20) then
  step('diagnostics not cleared')
  return finish(false)
end
step('cleared')

-- go to the definition of 6.1.2 from the reference
vim.api.nvim_win_set_cursor(0, { row + 1, col + 2 })
vim.lsp.buf.definition()
if not vim.wait(10000, function() return vim.api.nvim_win_get_cursor(0)[1] ~= row + 1 end, 20) then
  step('the cursor did not move')
  return finish(false)
end
local cur = vim.api.nvim_win_get_cursor(0)
result.cursor = { cur[1], cur[2] }
result.cursor_line = vim.api.nvim_get_current_line()
step('definition')

-- and a request answered synchronously: hover on the heading it jumped to
local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
  { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = cur[1] - 1, character = 4 } }, 5000)
local hover = res and res[id] and res[id].result
result.hover = hover and hover.contents and hover.contents.value or vim.NIL
result.published = published

vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
finish(true)
