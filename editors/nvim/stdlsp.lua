-- stdlsp in Neovim: stdcheck's diagnostics, go to definition, references, hover,
-- rename, completion and code actions on standards (Markdown files that start with
-- "---" front matter). Works on Neovim 0.7 (Debian 12) and later.
--
-- Install: copy this file to ~/.config/nvim/lua/stdlsp.lua, and in init.lua:
--
--   require('stdlsp').setup()                       -- stdlsp on PATH
--   require('stdlsp').setup({ cmd = { '/usr/local/bin/stdlsp' },
--                             init_options = { debounce = 100, disable = { 'anchor-unused' } } })
--
-- then the usual LSP keys, e.g.:
--   vim.keymap.set('n', 'gd', vim.lsp.buf.definition)   -- 见5.2 → 5.2
--   vim.keymap.set('n', 'gr', vim.lsp.buf.references)
--   vim.keymap.set('n', 'K', vim.lsp.buf.hover)
--   vim.keymap.set('n', '<leader>rn', vim.lsp.buf.rename)
--   vim.keymap.set('n', '<leader>ca', vim.lsp.buf.code_action)
local M = {}

-- a standard starts with its front matter
local function is_standard(buf)
  local first = vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1] or ''
  return first:gsub('^\239\187\191', ''):match('^%-%-%-%s*$') ~= nil
end

-- the directory of the system.yaml above the file, else the file's own
local function root_of(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local d = dir
  while d and d ~= '' do
    if vim.fn.filereadable(d .. '/system.yaml') == 1 then return d end
    local up = vim.fn.fnamemodify(d, ':h')
    if up == d then break end
    d = up
  end
  return dir
end

function M.attach(buf, opts)
  opts = opts or M.opts or {}
  if not is_standard(buf) then return end
  local root = root_of(vim.api.nvim_buf_get_name(buf))
  local config = {
    name = 'stdlsp',
    cmd = opts.cmd or { 'stdlsp' },
    root_dir = root,
    init_options = opts.init_options,
  }
  if vim.lsp.start then -- Neovim 0.8 and later: reuses a client of the same root
    vim.lsp.start(config, { bufnr = buf })
    return
  end
  -- Neovim 0.7: one client per system, started once and attached to each buffer
  for _, c in ipairs(vim.lsp.get_active_clients()) do
    if c.name == 'stdlsp' and c.config.root_dir == root then
      vim.lsp.buf_attach_client(buf, c.id)
      return
    end
  end
  local id = vim.lsp.start_client(config)
  if id then vim.lsp.buf_attach_client(buf, id) end
end

function M.setup(opts)
  M.opts = opts or {}
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'markdown',
    callback = function(args) M.attach(args.buf, M.opts) end,
  })
end

return M
