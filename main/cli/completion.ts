import { Argument, type Command, type Option } from 'commander';

// Shell completion scripts, written from the commander program itself (its commands,
// options and argument choices), so they never drift from what the CLI accepts.

export const SHELLS = ['bash', 'zsh'] as const;
export type Shell = (typeof SHELLS)[number];

interface Described {
  name: string;
  description: string;
  options: readonly Option[];
  args: readonly Argument[];
}

/** The program's commands as its help shows them; `help` takes a command's name. */
function commandsOf(program: Command): Described[] {
  const help = program.createHelp();
  const commands = help.visibleCommands(program);
  const names = commands.map((command) => command.name()).filter((name) => name !== 'help');
  return commands.map((command) => {
    const own = command.createHelp();
    return {
      name: command.name(),
      description: own.subcommandDescription(command),
      options: own.visibleOptions(command),
      args:
        command.name() === 'help'
          ? [new Argument('[command]', 'a command').choices(names)]
          : own.visibleArguments(command),
    };
  });
}

const flagsOf = (option: Option): string[] =>
  [option.short, option.long].filter((flag): flag is string => flag !== undefined);

/** The first sentence, short enough for a completion menu. */
const brief = (text: string): string => {
  const first =
    text
      .split(/(?<=\.)\s|;|\(/)[0]
      ?.trim()
      .replace(/\.$/, '') ?? '';
  return first.length > 70 ? `${first.slice(0, 69)}…` : first;
};

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

function bash(program: Command): string {
  const commands = commandsOf(program);
  const top = program.createHelp().visibleOptions(program).flatMap(flagsOf);
  const cases = commands.map((c) => {
    const values = c.args.flatMap((arg) => arg.argChoices ?? []);
    return `    ${c.name}) options=${quote(c.options.flatMap(flagsOf).join(' '))}; values=${quote(values.join(' '))} ;;`;
  });
  return `# bash completion for framewright, from \`framewright completion bash\`.
_framewright() {
  local cur=\${COMP_WORDS[COMP_CWORD]} command='' options='' values='' i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in
      -*) ;;
      *) command=\${COMP_WORDS[i]}; break ;;
    esac
  done
  case $command in
    '') options=${quote(top.join(' '))}; values=${quote(commands.map((c) => c.name).join(' '))} ;;
${cases.join('\n')}
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  elif [[ -n $values ]]; then
    COMPREPLY=($(compgen -W "$values" -- "$cur"))
  else
    COMPREPLY=()
  fi
}
complete -o default -F _framewright framewright
`;
}

/** One `_arguments` spec per flag: `'--out[the folder]:out:_files'`. */
function zshOption(option: Option): string[] {
  const text = brief(option.description).replace(/[[\]\\]/g, '\\$&');
  const repeat = option.parseArg === undefined ? '' : '*';
  const value =
    option.required || option.optional ? `:${option.attributeName()}:${valueAction(option)}` : '';
  return flagsOf(option).map((flag) => quote(`${repeat}${flag}[${text}]${value}`));
}

/** How zsh completes an option's value: folders for `<dir>`, files for `<file>`, else none. */
function valueAction(option: Option): string {
  if (option.flags.endsWith('<dir>')) return '_files -/';
  return option.flags.endsWith('<file>') ? '_files' : ' ';
}

function zshArgs(args: readonly Argument[]): string[] {
  return args.map((arg, index) => {
    const action = arg.argChoices ? `(${arg.argChoices.join(' ')})` : '_files';
    return quote(
      arg.variadic ? `*:${arg.name()}:${action}` : `${index + 1}:${arg.name()}:${action}`,
    );
  });
}

function zsh(program: Command): string {
  const commands = commandsOf(program);
  const top = program.createHelp().visibleOptions(program).flatMap(zshOption);
  const described = commands.map((c) => `    ${quote(`${c.name}:${brief(c.description)}`)}`);
  const cases = commands.map(
    (c) =>
      `        ${c.name}) _arguments ${[...c.options.flatMap(zshOption), ...zshArgs(c.args)].join(' ')} ;;`,
  );
  return `#compdef framewright
# zsh completion for framewright, from \`framewright completion zsh\`.
_framewright() {
  local -a commands
  commands=(
${described.join('\n')}
  )
  local state
  _arguments -C ${top.join(' ')} '1: :->command' '*:: :->args' && return
  case $state in
    command) _describe -t commands 'framewright command' commands ;;
    args)
      case $words[1] in
${cases.join('\n')}
      esac ;;
  esac
}
if [ "$funcstack[1]" = "_framewright" ]; then _framewright "$@"; else compdef _framewright framewright; fi
`;
}

export function completionScript(program: Command, shell: Shell): string {
  return shell === 'bash' ? bash(program) : zsh(program);
}
